package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Refresh;
import dev.rushgate.feed.domain.RefreshQueue;
import dev.rushgate.platform.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code upstream-refresh} queue: one JSON message per entry, sent ten to a batch; a refresh put off is made
 * invisible for longer (ChangeMessageVisibility, which the consumer's event source grant includes).
 */
public final class SqsRefreshQueue implements RefreshQueue {
    private static final int MOST_PER_BATCH = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsRefreshQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void request(Collection<Refresh> refreshes) {
        List<Refresh> all = new ArrayList<>(refreshes);
        for (int from = 0; from < all.size(); from += MOST_PER_BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            List<Refresh> chunk = all.subList(from, Math.min(all.size(), from + MOST_PER_BATCH));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(Json.write(chunk.get(i))).build());
            }
            var result = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            if (result.hasFailed() && !result.failed().isEmpty()) {
                throw new IllegalStateException(result.failed().size() + " refreshes not queued: "
                        + result.failed().getFirst().message());
            }
        }
    }

    @Override
    public void putOff(String receipt, Duration delay) {
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receipt)
                .visibilityTimeout((int) delay.toSeconds()));
    }
}
