package dev.rushgate.drops.adapter;

import dev.rushgate.drops.domain.ClaimPipeline;
import dev.rushgate.platform.SqsBacklog;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.List;

/**
 * The claims queue and its dead-letter queue, by their message counts. SQS's counts are approximate and may lag a
 * minute after the last send, which is why a rebuild waits until they have read 0 for a settle time.
 */
public final class SqsClaimPipeline implements ClaimPipeline {
    private final SqsClient sqs;
    private final List<String> queueUrls;

    /** @param queueUrls the claims queue and its dead-letter queue */
    public SqsClaimPipeline(SqsClient sqs, List<String> queueUrls) {
        this.sqs = sqs;
        this.queueUrls = List.copyOf(queueUrls);
    }

    @Override
    public boolean drained() {
        return SqsBacklog.empty(sqs, queueUrls);
    }
}
