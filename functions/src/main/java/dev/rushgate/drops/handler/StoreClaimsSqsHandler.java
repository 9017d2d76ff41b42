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

    private SQSBatchResponse storeBatch(List<SQSEvent.SQSMessage> messages) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        int stored = 0;
        int duplicates = 0;
        for (SQSEvent.SQSMessage message : messages) {
            try {
                if (storeClaims.store(Json.read(message.getBody(), ClaimAccepted.class))) stored++;
                else duplicates++;
            } catch (RuntimeException e) {
                LOG.warn("claim not stored; left for retry", entry("messageId", message.getMessageId()),
                        entry("error", e.getClass().getSimpleName()));
                failures.add(SQSBatchResponse.BatchItemFailure.builder()
                        .withItemIdentifier(message.getMessageId()).build());
            }
        }
        Telemetry.count(Map.of("ClaimsStored", stored, "ClaimsAlreadyStored", duplicates,
                "ClaimsNotStored", failures.size()));
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }
}
