package dev.rushgate.localstack.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SQS event source of one function, in process: it long-polls the queue, hands batches to the real handler as
 * Lambda would ({@link SQSEvent} with every field Lambda fills) and deletes what succeeded.
 *
 * <p>Invariants, as in Lambda with {@code ReportBatchItemFailures}: a message is deleted only after the handler
 * returned without listing it in {@code batchItemFailures}; when the handler throws, or names an id that is not in
 * the batch, nothing is deleted and the whole batch comes back after the visibility timeout, until the queue's
 * redrive policy moves it to the dead-letter queue. Delivery is therefore at least once. One batch at a time per
 * poller; the stack runs several pollers of one function, as Lambda runs several batches at once, and while their
 * queue is empty only one of them receives ({@link IdleWatch}).
 */
public final class SqsPoller extends Poller {
    private static final Logger LOG = LoggerFactory.getLogger(SqsPoller.class);
    /** SQS hands out at most ten messages per ReceiveMessage call. */
    private static final int MAX_PER_RECEIVE = 10;
    /** Short enough that close() is prompt, long enough not to spin on an empty queue. */
    private static final int LONG_POLL_SECONDS = 1;

    private final String functionId;
    private final Trigger.Sqs trigger;
    private final String queueUrl;
    private final String queueArn;
    private final SqsClient sqs;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final Optional<Integer> visibilityTimeoutOverride;
    private final Duration invocationTimeout;
    private final IdleWatch idle;

    /**
     * @param visibilityTimeoutOverride seconds a received batch stays invisible, instead of the queue's; tests use
     *                                  a short one so that failed messages come back quickly
     */
    public SqsPoller(String functionId, Trigger.Sqs trigger, QueueSpec queue, String queueUrl, SqsClient sqs,
                     RequestHandler<SQSEvent, SQSBatchResponse> handler, Optional<Integer> visibilityTimeoutOverride) {
        this(functionId, trigger, queue, queueUrl, sqs, handler, visibilityTimeoutOverride, new IdleWatch());
    }

    /** One of several pollers of the function's queue, which share {@code idle}: one of them watches it while empty. */
    SqsPoller(String functionId, Trigger.Sqs trigger, QueueSpec queue, String queueUrl, SqsClient sqs,
              RequestHandler<SQSEvent, SQSBatchResponse> handler, Optional<Integer> visibilityTimeoutOverride,
              IdleWatch idle) {
        super("sqs-poller-" + functionId);
        this.idle = Objects.requireNonNull(idle, "idle");
        this.functionId = Objects.requireNonNull(functionId, "functionId");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        if (!trigger.queue().equals(queue.id())) {
            throw new IllegalArgumentException(functionId + " is triggered by " + trigger.queue() + ", not " + queue.id());
        }
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.queueArn = LocalAwsClients.queueArn(queueUrl);
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.visibilityTimeoutOverride = Objects.requireNonNull(visibilityTimeoutOverride, "visibilityTimeoutOverride");
        // The batch's invisibility is the real deadline locally: past it, the messages are delivered again.
        this.invocationTimeout = Duration.ofSeconds(visibilityTimeoutOverride.orElse(queue.visibilityTimeoutSeconds()));
    }

    @Override
    protected Duration longestBatch() {
        return invocationTimeout.plusSeconds(LONG_POLL_SECONDS + 5);
    }

    @Override
    protected void poll() {
        try {
            while (running()) {
                try {
                    idle.await(this, this::running);
                    if (!running()) return;
                    List<Message> batch = gather();
                    if (batch.isEmpty()) {
                        idle.idle(this);
                        continue;
                    }
                    idle.busy();
                    if (!killed()) invoke(batch);
                } catch (RuntimeException e) {
                    if (killed()) return;
                    // The queue is unreachable (stack shutting down, engine restarting): back off rather than spin.
                    LOG.warn("SQS poll failed for {}: {}", functionId, e.toString());
                    pause(Duration.ofSeconds(1));
                }
            }
        } finally {
            idle.leave(this);
        }
    }

    @Override
    protected void stopping() {
        idle.wake();
    }

    /**
     * The pollers of one function's queue, {@code count} of them, of which only one receives while the queue is
     * empty ({@link IdleWatch}).
     */
    public static List<SqsPoller> of(int count, String functionId, Trigger.Sqs trigger, QueueSpec queue,
                                     String queueUrl, SqsClient sqs, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                                     Optional<Integer> visibilityTimeoutOverride) {
        IdleWatch idle = new IdleWatch();
        List<SqsPoller> pollers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pollers.add(new SqsPoller(functionId, trigger, queue, queueUrl, sqs, handler, visibilityTimeoutOverride,
                    idle));
        }
        return List.copyOf(pollers);
    }

    /** Receives up to batchSize messages, waiting at most the batching window once the first one arrived. */
    private List<Message> gather() {
        List<Message> batch = new ArrayList<>(receive(Math.min(MAX_PER_RECEIVE, trigger.batchSize()), LONG_POLL_SECONDS));
        if (batch.isEmpty()) return batch;
        // The window must close well before the first messages' invisibility ends, or they would be received
        // again into the same batch: their receive count would grow without the handler seeing them.
        Duration window = Duration.ofSeconds(trigger.maxBatchingWindowSeconds());
        if (window.compareTo(invocationTimeout.dividedBy(2)) > 0) window = invocationTimeout.dividedBy(2);
        long deadline = System.nanoTime() + window.toNanos();
        while (batch.size() < trigger.batchSize() && !killed()) {
            long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remainingMillis <= 0) break;
            int wait = (int) Math.min(20, Math.max(0, remainingMillis / 1000));
            List<Message> more = receive(Math.min(MAX_PER_RECEIVE, trigger.batchSize() - batch.size()), wait);
            for (Message message : more) {
                if (batch.stream().noneMatch(m -> m.messageId().equals(message.messageId()))) batch.add(message);
            }
            if (more.isEmpty() && wait == 0) pause(Duration.ofMillis(Math.min(remainingMillis, 100)));
        }
        return batch;
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(b -> {
            b.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds(waitSeconds)
                    .messageSystemAttributeNamesWithStrings("All")
                    .messageAttributeNames("All");
            visibilityTimeoutOverride.ifPresent(b::visibilityTimeout);
        }).messages();
    }

    private void invoke(List<Message> batch) {
        SQSEvent event = toEvent(batch);
        SQSBatchResponse response;
        try {
            response = handle(() -> handler.handleRequest(event, new LocalContext(functionId, invocationTimeout, 0)));
        } catch (RuntimeException | Error e) {
            if (killed()) return;
            LOG.error("{} failed on a batch of {}; nothing deleted, the batch returns after the visibility timeout",
                    functionId, batch.size(), e);
            return;
        }
        if (killed()) return;
        Set<String> failed = failedIds(response, batch);
        if (failed == null) return;
        List<Message> done = batch.stream().filter(m -> !failed.contains(m.messageId())).toList();
        acknowledge(() -> delete(done));
    }

    /** The failed message ids, or null when the response is malformed, which Lambda treats as a failed batch. */
    private Set<String> failedIds(SQSBatchResponse response, List<Message> batch) {
        Set<String> failed = new HashSet<>();
        if (response == null || response.getBatchItemFailures() == null) return failed;
        Set<String> inBatch = new HashSet<>(batch.stream().map(Message::messageId).toList());
        for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
            if (f == null || f.getItemIdentifier() == null || !inBatch.contains(f.getItemIdentifier())) {
                LOG.error("{} reported an unknown batch item failure; the whole batch counts as failed", functionId);
                return null;
            }
            failed.add(f.getItemIdentifier());
        }
        return failed;
    }

    private void delete(List<Message> done) {
        for (int from = 0; from < done.size(); from += MAX_PER_RECEIVE) {
            List<Message> chunk = done.subList(from, Math.min(done.size(), from + MAX_PER_RECEIVE));
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            var result = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (result.hasFailed() && !result.failed().isEmpty()) {
                LOG.warn("{}: {} handled messages could not be deleted and will be delivered again", functionId,
                        result.failed().size());
            }
        }
    }

    private SQSEvent toEvent(List<Message> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(batch.size());
        for (Message m : batch) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            r.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
            r.setAttributes(new HashMap<>(m.attributesAsStrings()));
            r.setMessageAttributes(toAttributes(m.messageAttributes()));
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            r.setAwsRegion(LocalAwsClients.REGION);
            records.add(r);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static Map<String, SQSEvent.MessageAttribute> toAttributes(Map<String, MessageAttributeValue> in) {
        Map<String, SQSEvent.MessageAttribute> out = new HashMap<>();
        in.forEach((name, v) -> {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType(v.dataType());
            a.setStringValue(v.stringValue());
            if (v.binaryValue() != null) a.setBinaryValue(v.binaryValue().asByteBuffer());
            out.put(name, a);
        });
        return out;
    }

    private void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRunning();
        }
    }
}
