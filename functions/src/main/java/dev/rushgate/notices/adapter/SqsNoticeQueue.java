package dev.rushgate.notices.adapter;

import dev.rushgate.model.NoticeIssued;
import dev.rushgate.notices.domain.NoticeQueue;
import dev.rushgate.platform.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code notices} queue: one JSON {@link NoticeIssued} a message, ten to a batch. A message put off by the
 * consumer is made invisible for longer (ChangeMessageVisibility, which needs the queue's URL).
 */
public final class SqsNoticeQueue implements NoticeQueue {
    private static final int MOST_PER_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsNoticeQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(List<NoticeIssued> notices) {
        for (int from = 0; from < notices.size(); from += MOST_PER_BATCH) {
            List<NoticeIssued> chunk = notices.subList(from, Math.min(notices.size(), from + MOST_PER_BATCH));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(Json.write(chunk.get(i))).build());
            }
            var result = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (result.hasFailed() && !result.failed().isEmpty()) {
                throw new IllegalStateException(result.failed().size() + " notices not queued: "
                        + result.failed().getFirst().code());
            }
        }
    }

    @Override
    public void putOff(String receiptHandle, Duration delay) {
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .visibilityTimeout((int) Math.min(delay.toSeconds(), 43_200)));
    }
}
