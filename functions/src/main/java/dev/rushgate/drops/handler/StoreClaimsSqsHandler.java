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

    /**
     * Claims that cannot be read are reported one by one (each reaches the DLQ after the queue's
     * maxReceiveCount); the rest are stored together, and if that fails they are all reported, which is
     * safe because storing again changes nothing.
     */
    private SQSBatchResponse storeBatch(List<SQSEvent.SQSMessage> messages) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<ClaimAccepted> claims = new ArrayList<>(messages.size());
        List<String> claimMessages = new ArrayList<>(messages.size());
        for (SQSEvent.SQSMessage message : messages) {
            try {
                claims.add(Json.read(message.getBody(), ClaimAccepted.class));
                claimMessages.add(message.getMessageId());
            } catch (RuntimeException e) {
                LOG.warn("unreadable claim message", entry("messageId", message.getMessageId()),
                        entry("errorType", e.getClass().getSimpleName()));
                failures.add(failure(message.getMessageId()));
            }
        }
        int stored = 0;
        try {
            stored = claims.isEmpty() ? 0 : storeClaims.storeAll(claims).size();
        } catch (RuntimeException e) {
            LOG.warn("claims not stored; left for retry", entry("claims", claims.size()),
                    entry("errorType", e.getClass().getSimpleName()));
            claimMessages.forEach(id -> failures.add(failure(id)));
            claims.clear();
        }
        Telemetry.count(Map.of("ClaimsStored", stored, "ClaimsAlreadyStored", claims.size() - stored,
                "ClaimsNotStored", failures.size()));
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    private static SQSBatchResponse.BatchItemFailure failure(String messageId) {
        return SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(messageId).build();
    }
}
