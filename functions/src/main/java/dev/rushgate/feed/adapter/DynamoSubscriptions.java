package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Page;
import dev.rushgate.feed.domain.Subscriptions;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions in DynamoDB, both ways, written in one transaction with the author's follower count: {@code
 * subscriptions} by follower then author (a reader's list), {@code followers} by author then follower (the fan-out's
 * pages), {@code authors}' {@code followers} (the loud threshold).
 */
public final class DynamoSubscriptions implements Subscriptions {
    private final DynamoDbClient dynamo;
    private final String subscriptionsTable;
    private final String followersTable;
    private final String authorsTable;

    public DynamoSubscriptions(DynamoDbClient dynamo, String subscriptionsTable, String followersTable,
                               String authorsTable) {
        this.dynamo = dynamo;
        this.subscriptionsTable = subscriptionsTable;
        this.followersTable = followersTable;
        this.authorsTable = authorsTable;
    }

    @Override
    public boolean subscribe(String followerId, String authorId, Instant since) {
        var at = AttributeValue.fromN(Long.toString(since.toEpochMilli()));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    w -> w.put(p -> p.tableName(subscriptionsTable)
                            .item(Map.of("followerId", s(followerId), "authorId", s(authorId), "since", at))
                            .conditionExpression("attribute_not_exists(followerId)")),
                    w -> w.put(p -> p.tableName(followersTable)
                            .item(Map.of("authorId", s(authorId), "followerId", s(followerId), "since", at))),
                    w -> w.update(followers(authorId, 1))));
            return true;
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e)) return false; // subscribed already
            throw e;
        }
    }

    @Override
    public void unsubscribe(String followerId, String authorId) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    w -> w.delete(d -> d.tableName(subscriptionsTable)
                            .key(Map.of("followerId", s(followerId), "authorId", s(authorId)))
                            .conditionExpression("attribute_exists(followerId)")),
                    w -> w.delete(d -> d.tableName(followersTable)
                            .key(Map.of("authorId", s(authorId), "followerId", s(followerId)))),
                    w -> w.update(followers(authorId, -1))));
        } catch (TransactionCanceledException e) {
            if (!conditionFailed(e)) throw e; // not subscribed: nothing to undo, no count to move
        }
    }

    /** The author's follower count moved by {@code by}, in the same transaction as the subscription. */
    private software.amazon.awssdk.services.dynamodb.model.Update followers(String authorId, int by) {
        return software.amazon.awssdk.services.dynamodb.model.Update.builder().tableName(authorsTable)
                .key(Map.of("authorId", s(authorId))).updateExpression("ADD followers :by")
                .expressionAttributeValues(Map.of(":by", AttributeValue.fromN(Integer.toString(by)))).build();
    }

    private static boolean conditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons() && "ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code());
    }

    @Override
    public Page<Subscription> of(String followerId, String cursor, int limit) {
        Map<String, AttributeValue> start = cursor == null ? null
                : Map.of("followerId", s(followerId), "authorId", s(Cursors.decode(cursor, Cursors.USER)));
        var result = dynamo.query(q -> q.tableName(subscriptionsTable).consistentRead(true)
                .keyConditionExpression("followerId = :f").expressionAttributeValues(Map.of(":f", s(followerId)))
                .limit(limit).exclusiveStartKey(start));
        String next = result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty()
                ? Cursors.encode(result.lastEvaluatedKey().get("authorId").s()) : null;
        return new Page<>(result.items().stream().map(i -> new Subscription(i.get("authorId").s(),
                Instant.ofEpochMilli(Long.parseLong(i.get("since").n())))).toList(), next);
    }

    @Override
    public List<String> followers(String authorId, String after, int limit) {
        Map<String, AttributeValue> start = after == null ? null
                : Map.of("authorId", s(authorId), "followerId", s(after));
        return dynamo.query(q -> q.tableName(followersTable).keyConditionExpression("authorId = :a")
                        .expressionAttributeValues(Map.of(":a", s(authorId))).projectionExpression("followerId")
                        .limit(limit).exclusiveStartKey(start))
                .items().stream().map(i -> i.get("followerId").s()).toList();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
