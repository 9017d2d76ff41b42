package dev.rushgate.tickets.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.model.PaymentRequested;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.Telemetry;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.ConfirmPayment;
import dev.rushgate.tickets.domain.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Charges the PENDING orders of an SQS batch, one by one. An order that cannot be charged now (provider down
 * after its retries, database unreachable) is reported as a batch item failure, comes back after the
 * visibility timeout and reaches the DLQ after the queue's maxReceiveCount; the rest of the batch is done.
 */
public final class ChargePaymentsSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(ChargePaymentsSqsHandler.class);

    private final ConfirmPayment confirmPayment;

    public ChargePaymentsSqsHandler() {
        this(TicketsWiring.confirmPayment());
    }

    public ChargePaymentsSqsHandler(ConfirmPayment confirmPayment) {
        this.confirmPayment = confirmPayment;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> chargeBatch(event.getRecords()));
    }

    private SQSBatchResponse chargeBatch(List<SQSEvent.SQSMessage> messages) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<Order.Status, Integer> outcomes = new EnumMap<>(Order.Status.class);
        for (SQSEvent.SQSMessage message : messages) {
            try {
                String orderId = Json.read(message.getBody(), PaymentRequested.class).orderId();
                Optional<Order.Status> status = confirmPayment.confirm(orderId);
                status.ifPresent(s -> outcomes.merge(s, 1, Integer::sum));
            } catch (RuntimeException e) {
                LOG.warn("payment not settled; left for retry", entry("messageId", message.getMessageId()),
                        entry("error", e.getClass().getSimpleName()));
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        Telemetry.count(Map.of("OrdersConfirmed", outcomes.getOrDefault(Order.Status.CONFIRMED, 0),
                "OrdersFailed", outcomes.getOrDefault(Order.Status.FAILED, 0), "PaymentsRetried", failures.size()));
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
