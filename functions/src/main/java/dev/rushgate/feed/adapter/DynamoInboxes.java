package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Inboxes;
import dev.rushgate.feed.domain.FeedCursor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inboxes in DynamoDB: {@code inboxes} by reader and {@code sk} = {@code createdAt#postId} (as author-posts, so a
 * loud author's posts merge in the same order). Deliveries are
 * BatchWriteItem puts of 25; what DynamoDB leaves unprocessed (throttling) is written again after a growing pause,
 * a bounded number of times, and then the delivery fails, for its message to be redelivered. A put of the same key
 * twice leaves one item, so a redelivery puts nothing twice.
 */
public final class DynamoInboxes implements Inboxes {
    private static final int BATCH = 25;
    private static final int ATTEMPTS = 6;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoInboxes(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void deliver(Entry entry, List<String> readers) {
        for (int from = 0; from < readers.size(); from += BATCH) {
            List<WriteRequest> puts = readers.subList(from, Math.min(readers.size(), from + BATCH)).stream()
                    .map(reader -> WriteRequest.builder().putRequest(p -> p.item(item(entry, reader))).build())
                    .toList();
            write(puts);
        }
    }

    private void write(List<WriteRequest> puts) {
        Map<String, List<WriteRequest>> pending = Map.of(table, puts);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            Map<String, List<WriteRequest>> now = pending;
            var result = dynamo.batchWriteItem(b -> b.requestItems(now));
            pending = result.hasUnprocessedItems() ? result.unprocessedItems() : Map.of();
            if (pending.isEmpty() || pending.values().stream().allMatch(List::isEmpty)) return;
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException(pending.get(table).size() + " inbox writes still unprocessed after "
                        + ATTEMPTS + " attempts");
            }
            pause(FIRST_PAUSE.multipliedBy(1L << (attempt - 1)));
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing inboxes", e);
        }
    }

    @Override
    public List<Entry> before(String reader, FeedCursor before, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":u", s(reader)));
        String condition = "userId = :u";
        if (before != null) {
            values.put(":before", s(before.sortKey()));
            condition += " AND sk < :before";
        }
        String keyCondition = condition;
        var result = dynamo.query(q -> q.tableName(table).consistentRead(true).keyConditionExpression(keyCondition)
                .expressionAttributeValues(values).scanIndexForward(false).limit(limit));
        List<Entry> entries = new ArrayList<>();
        for (var i : result.items()) {
            entries.add(new Entry(i.get("postId").s(), i.get("authorId").s(), i.get("title").s(),
                    i.get("category").s(), Instant.ofEpochMilli(Long.parseLong(i.get("createdAt").n())),
                    Instant.ofEpochMilli(Long.parseLong(i.get("publishedAt").n()))));
        }
        return entries;
    }

    private static Map<String, AttributeValue> item(Entry entry, String reader) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("userId", s(reader));
        item.put("sk", s(entry.place().sortKey()));
        item.put("createdAt", AttributeValue.fromN(Long.toString(entry.createdAt().toEpochMilli())));
        item.put("postId", s(entry.postId()));
        item.put("authorId", s(entry.authorId()));
        item.put("title", s(entry.title()));
        item.put("category", s(entry.category()));
        item.put("publishedAt", AttributeValue.fromN(Long.toString(entry.publishedAt().toEpochMilli())));
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
