package dev.rushgate.tickets.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.model.PaymentRequested;
import dev.rushgate.platform.Deadline;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.Telemetry;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.ConfirmPayment;
import dev.rushgate.tickets.domain.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.Duration;
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
 *
 * <p>It works against the invocation's remaining time: each record runs under a {@link Deadline} that ends
 * {@link #MARGIN} before the Lambda would time out (the provider adapter bounds its waits and retries by it, and so
 * do the steps after a charge: {@code Jdbc.connect} for the ledger, the webhook, {@code RedisScript}), and a
 * record not started with at least {@link #LEAST_FOR_A_RECORD} left is not started; an invocation shorter than 20 s
 * keeps a tenth of its time for each instead. Whatever is not finished is
 * reported as a batch item failure and comes back; the order stays PENDING, and the charge's idempotency key (the
 * order id) makes a second try charge nothing twice. A timeout, by contrast, would lose the whole report.
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

    /** Time kept back for the batch report, its logs and metrics (a tenth of a shorter invocation's time). */
    static final Duration MARGIN = Duration.ofSeconds(2);
    /** Less than this left, and a record is not started: reported back instead (likewise at most a tenth). */
    static final Duration LEAST_FOR_A_RECORD = Duration.ofSeconds(1);

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
        Duration tenth = remaining.dividedBy(10);
        Deadline invocation = Deadline.after(remaining).minus(min(MARGIN, tenth));
        Duration least = min(LEAST_FOR_A_RECORD, tenth);
        return PowertoolsLogging.withLogging(context, () -> chargeBatch(event.getRecords(), invocation, least));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private SQSBatchResponse chargeBatch(List<SQSEvent.SQSMessage> messages, Deadline invocation, Duration least) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<Order.Status, Integer> outcomes = new EnumMap<>(Order.Status.class);
        int notStarted = 0;
        for (SQSEvent.SQSMessage message : messages) {
            if (invocation.remaining().compareTo(least) < 0) {
                notStarted++;
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
                continue;
            }
            try {
                String orderId = Json.read(message.getBody(), PaymentRequested.class).orderId();
                Optional<Order.Status> status = invocation.within(() -> confirmPayment.confirm(orderId));
                status.ifPresent(s -> outcomes.merge(s, 1, Integer::sum));
            } catch (RuntimeException e) {
                LOG.warn("payment not settled; left for retry", entry("messageId", message.getMessageId()),
                        entry("errorType", e.getClass().getSimpleName()));
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        if (notStarted > 0) LOG.warn("out of time: records left for their redelivery", entry("notStarted", notStarted));
        Telemetry.count(Map.of("OrdersConfirmed", outcomes.getOrDefault(Order.Status.CONFIRMED, 0),
                "OrdersFailed", outcomes.getOrDefault(Order.Status.FAILED, 0), "PaymentsRetried", failures.size()));
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
