package dev.rushgate.platform;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;

/**
 * Whether SQS queues hold anything, by their message counts: visible, in flight or delayed. SQS's counts are
 * approximate and may lag a minute after the last send, so a caller that must be sure waits until they have read 0
 * for a while.
 */
public final class SqsBacklog {
    private static final List<QueueAttributeName> COUNTS = List.of(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

    private SqsBacklog() {}

    /** True when none of the queues holds a message. */
    public static boolean empty(SqsClient sqs, List<String> queueUrls) {
        for (String url : queueUrls) {
            var counts = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(COUNTS)).attributes();
            for (QueueAttributeName name : COUNTS) {
                if (!"0".equals(counts.getOrDefault(name, "0"))) return false;
            }
        }
        return true;
    }
}
