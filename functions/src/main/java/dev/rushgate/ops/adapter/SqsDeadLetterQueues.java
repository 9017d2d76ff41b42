package dev.rushgate.ops.adapter;

import dev.rushgate.ops.domain.DeadLetter;
import dev.rushgate.ops.domain.DeadLetterQueues;
import dev.rushgate.ops.domain.DeadLetters;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.UnsupportedOperationException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Dead-letter queues on SQS, found by declared queue id. Counts come from the queue's attributes; samples are
 * receives with a visibility timeout of 0, harmless because no dead-letter or failure queue has a redrive policy;
 * redrive is SQS's own message move task (ElasticMQ runs the same API locally).
 */
public final class SqsDeadLetterQueues implements DeadLetterQueues {
    private final SqsClient sqs;
    private final Function<String, String> queueUrl;
    private final Map<String, String> arns = new ConcurrentHashMap<>();

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
        return receive(queueId, max).stream().map(SqsDeadLetterQueues::deadLetter).toList();
    }

    @Override
    public Move startMove(String fromQueueId, String toQueueId) {
        long toMove = count(fromQueueId);
        try {
            sqs.startMessageMoveTask(b -> b.sourceArn(arn(fromQueueId)).destinationArn(arn(toQueueId)));
        } catch (UnsupportedOperationException | ResourceNotFoundException e) {
            // SQS refuses a second task on a queue while one runs; tell the two refusals apart by looking.
            if (latestMove(fromQueueId).filter(Move::running).isPresent()) throw new MoveInProgress(fromQueueId);
            throw e;
        }
        // SQS fills in the task's count only once the task is picked up (ElasticMQ never): the count taken above stands in.
        return latestMove(fromQueueId)
                .map(m -> m.toMove() > 0 ? m : new Move(m.status(), m.moved(), toMove, m.startedAt(), m.failureReason()))
                .orElse(new Move("RUNNING", 0, toMove, System.currentTimeMillis(), null));
    }

    @Override
    public Optional<Move> latestMove(String fromQueueId) {
        // Newest first; SQS keeps the tasks of the last 14 days.
        return sqs.listMessageMoveTasks(b -> b.sourceArn(arn(fromQueueId)).maxResults(1)).results().stream()
                .findFirst()
                .map(t -> new Move(t.status(), orZero(t.approximateNumberOfMessagesMoved()),
                        orZero(t.approximateNumberOfMessagesToMove()), orZero(t.startedTimestamp()), t.failureReason()));
    }

    private static long orZero(Long n) {
        return n == null ? 0 : n;
    }

    /** A queue's ARN, asked once: a move task names queues by ARN, the environment by URL. */
    private String arn(String queueId) {
        return arns.computeIfAbsent(queueId, id -> sqs.getQueueAttributes(b -> b.queueUrl(queueUrl.apply(id))
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN));
    }

    private List<Message> receive(String queueId, int max) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl.apply(queueId)).maxNumberOfMessages(max)
                .visibilityTimeout(0).waitTimeSeconds(0)
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
