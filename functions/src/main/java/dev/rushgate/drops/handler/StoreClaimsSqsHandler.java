package dev.rushgate.drops.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.drops.DropsWiring;
import dev.rushgate.drops.domain.StoreClaims;
import dev.rushgate.model.ClaimAccepted;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/**
 * Stores the claims of an SQS batch. A message that cannot be stored is reported as a batch item failure
 * (and reaches the DLQ after the queue's maxReceiveCount); the rest of the batch is stored and deleted.
 */
public final class StoreClaimsSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(StoreClaimsSqsHandler.class);

    private final StoreClaims storeClaims;

    public StoreClaimsSqsHandler() {
        this(DropsWiring.storeClaims());
    }

    public StoreClaimsSqsHandler(StoreClaims storeClaims) {
        this.storeClaims = storeClaims;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> storeBatch(event.getRecords()));
    }

    /** Each claim is independent of the others, so the batch is stored in parallel, one virtual thread each. */
    private SQSBatchResponse storeBatch(List<SQSEvent.SQSMessage> messages) {
        List<Future<Boolean>> outcomes = new ArrayList<>(messages.size());
        try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
            for (SQSEvent.SQSMessage message : messages) {
                outcomes.add(parallel.submit(() -> storeClaims.store(Json.read(message.getBody(), ClaimAccepted.class))));
            }
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        int stored = 0;
        int duplicates = 0;
        for (int i = 0; i < messages.size(); i++) {
            Future<Boolean> outcome = outcomes.get(i);
            if (outcome.state() == Future.State.SUCCESS) {
                if (outcome.resultNow()) stored++;
                else duplicates++;
            } else {
                String messageId = messages.get(i).getMessageId();
                LOG.warn("claim not stored; left for retry", entry("messageId", messageId),
                        entry("error", outcome.state() == Future.State.FAILED
                                ? outcome.exceptionNow().getClass().getSimpleName() : outcome.state().name()));
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(messageId).build());
            }
        }
        Telemetry.count(Map.of("ClaimsStored", stored, "ClaimsAlreadyStored", duplicates,
                "ClaimsNotStored", failures.size()));
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
