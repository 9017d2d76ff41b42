package dev.rushgate.ops.adapter;

import dev.rushgate.ops.domain.DeadLetter;
import dev.rushgate.ops.domain.DeadLetterQueues;
import dev.rushgate.ops.domain.DeadLetters;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Dead-letter queues on SQS, found by declared queue id. */
public final class SqsDeadLetterQueues implements DeadLetterQueues {
    /** How long a message being moved stays hidden: a move that dies mid-way lets it reappear soon. */
    private static final int MOVE_VISIBILITY_SECONDS = 30;

    private final SqsClient sqs;
    private final Function<String, String> queueUrl;

    /** @param queueUrl the URL of a declared queue id (from the function's environment) */
    public SqsDeadLetterQueues(SqsClient sqs, Function<String, String> queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public long count(String queueId) {
        String count = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl.apply(queueId))
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return count == null ? 0 : Long.parseLong(count);
    }

    @Override
    public List<DeadLetter> sample(String queueId, int max) {
        // A visibility timeout of 0 leaves what was looked at visible at once, to the next look or a redrive.
        return receive(queueId, max, 0).stream().map(SqsDeadLetterQueues::deadLetter).toList();
    }

    @Override
    public int move(String fromQueueId, String toQueueId, int max) {
        String from = queueUrl.apply(fromQueueId);
        String to = queueUrl.apply(toQueueId);
        int moved = 0;
        while (moved < max) {
            List<Message> batch = receive(fromQueueId, Math.min(10, max - moved), MOVE_VISIBILITY_SECONDS);
            if (batch.isEmpty()) break;
            var sent = sqs.sendMessageBatch(b -> b.queueUrl(to).entries(batch.stream()
                    .map(m -> SendMessageBatchRequestEntry.builder().id(m.messageId()).messageBody(m.body())
                            .messageAttributes(m.messageAttributes()).build())
                    .toList()));
            var delivered = sent.successful().stream().map(e -> e.id()).toList();
            if (!delivered.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(from).entries(batch.stream()
                        .filter(m -> delivered.contains(m.messageId()))
                        .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                                .receiptHandle(m.receiptHandle()).build())
                        .toList()));
            }
            moved += delivered.size();
            if (!sent.failed().isEmpty()) break;
        }
        return moved;
    }

    private List<Message> receive(String queueId, int max, int visibilitySeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl.apply(queueId)).maxNumberOfMessages(max)
                .visibilityTimeout(visibilitySeconds).waitTimeSeconds(0)
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
    }

    private static DeadLetter deadLetter(Message m) {
        String body = m.body().length() > DeadLetters.SAMPLE_BODY_CHARS
                ? m.body().substring(0, DeadLetters.SAMPLE_BODY_CHARS) : m.body();
        var attributes = m.attributes();
        String receives = attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        String sent = attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return new DeadLetter(m.messageId(), body, receives == null ? 0 : Integer.parseInt(receives),
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)));
    }
}
