package dev.rushgate.localstack.provision;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a failure queue kept in a data directory from before issue 18 to its new shape. Such a queue had a redrive
 * policy to a DLQ of its own ({@code id-dlq}); the dead-letter view's looks moved failed batches there, out of sight.
 * ElasticMQ refuses to drop a redrive policy, so the queue is made again, and nothing in it is lost on the way:
 * <ol>
 *   <li>every message is copied to {@code id-migrating} before it is deleted from the old queue;</li>
 *   <li>the old queue is deleted and made again without a policy;</li>
 *   <li>{@code id-migrating} and the old {@code id-dlq} are emptied into it the same way, then deleted.</li>
 * </ol>
 * A crash at any step leaves each message in one of the queues, and the next start finishes the job (step 3 runs
 * whenever {@code id-migrating} or {@code id-dlq} exists).
 */
final class FailureQueueMigration {
    private FailureQueueMigration() {}

    /** @return the failure queue's URL, without a redrive policy */
    static String migrate(SqsClient sqs, String id, String kept, Map<QueueAttributeName, String> attributes) {
        String url = kept;
        if (hasRedrivePolicy(sqs, kept)) {
            String holding = sqs.createQueue(b -> b.queueName(id + "-migrating")).queueUrl();
            moveAll(sqs, kept, holding);
            sqs.deleteQueue(b -> b.queueUrl(kept));
            url = sqs.createQueue(b -> b.queueName(id).attributes(attributes)).queueUrl();
        }
        String to = url;
        for (String leftover : List.of(id + "-migrating", id + "-dlq")) {
            Optional<String> from = existing(sqs, leftover);
            if (from.isEmpty()) continue;
            moveAll(sqs, from.get(), to);
            sqs.deleteQueue(b -> b.queueUrl(from.get()));
        }
        return url;
    }

    private static boolean hasRedrivePolicy(SqsClient sqs, String url) {
        return !sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes().getOrDefault(QueueAttributeName.REDRIVE_POLICY, "").isEmpty();
    }

    private static Optional<String> existing(SqsClient sqs, String name) {
        try {
            return Optional.of(sqs.getQueueUrl(b -> b.queueName(name)).queueUrl());
        } catch (QueueDoesNotExistException absent) {
            return Optional.empty();
        }
    }

    /** Sends each message to {@code to} before deleting it from {@code from}: a crash leaves a copy, never none. */
    private static void moveAll(SqsClient sqs, String from, String to) {
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(from).maxNumberOfMessages(10).visibilityTimeout(60)
                    .messageAttributeNames("All")).messages();
            for (Message m : batch) {
                sqs.sendMessage(b -> b.queueUrl(to).messageBody(m.body()).messageAttributes(m.messageAttributes()));
                sqs.deleteMessage(b -> b.queueUrl(from).receiptHandle(m.receiptHandle()));
            }
        } while (!batch.isEmpty());
    }
}
