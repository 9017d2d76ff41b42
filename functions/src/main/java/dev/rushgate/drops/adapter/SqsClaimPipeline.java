package dev.rushgate.drops.adapter;

import dev.rushgate.drops.domain.ClaimPipeline;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;

/**
 * The claims queue and its dead-letter queue, by their message counts. SQS's counts are approximate and may lag a
 * minute after the last send, which is why a rebuild waits until they have read 0 for a settle time.
 */
public final class SqsClaimPipeline implements ClaimPipeline {
    private static final List<QueueAttributeName> COUNTS = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    private final SqsClient sqs;
    private final List<String> queueUrls;

    /** @param queueUrls the claims queue and its dead-letter queue */
    public SqsClaimPipeline(SqsClient sqs, List<String> queueUrls) {
        this.sqs = sqs;
        this.queueUrls = List.copyOf(queueUrls);
    }

    @Override
    public boolean drained() {
        for (String url : queueUrls) {
            var counts = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(COUNTS)).attributes();
            for (QueueAttributeName name : COUNTS) {
                if (!"0".equals(counts.getOrDefault(name, "0"))) return false;
            }
        }
        return true;
    }
}
