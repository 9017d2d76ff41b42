package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.FeedCursor;
import dev.rushgate.feed.domain.Inboxes;
import dev.rushgate.feed.domain.Page;
import dev.rushgate.feed.domain.Post;
import dev.rushgate.feed.domain.PostStatus;
import dev.rushgate.feed.domain.PostStore;
import dev.rushgate.feed.domain.PostSummary;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts in DynamoDB: the {@code posts} table by {@code postId} (its stream, NEW_AND_OLD_IMAGES, drives the
 * inspection), and each author's list in {@code author-posts} by {@code authorId} and {@code sk} =
 * {@code createdAt#postId} (zero-padded epoch ms, so newest first is a backwards Query). A post and its list entry
 * are written in one transaction, so neither exists without the other.
 */
public final class DynamoPostStore implements PostStore {
    private static final String PENDING = PostStatus.PENDING_REVIEW.name();

    private final DynamoDbClient dynamo;
    private final String postsTable;
    private final String authorPostsTable;

    public DynamoPostStore(DynamoDbClient dynamo, String postsTable, String authorPostsTable) {
        this.dynamo = dynamo;
        this.postsTable = postsTable;
        this.authorPostsTable = authorPostsTable;
    }

    @Override
    public Post create(Post post) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    w -> w.put(p -> p.tableName(postsTable).item(PostItems.post(post))
                            .conditionExpression("attribute_not_exists(postId)")),
                    w -> w.put(p -> p.tableName(authorPostsTable).item(entry(post)))));
            return post;
        } catch (TransactionCanceledException e) {
            if (!firstFailedItsCondition(e)) throw e;
            // the post exists: a retry with the same key (its id is derived from author and key)
            return find(post.postId()).orElseThrow(() -> e);
        }
    }

    @Override
    public Optional<Post> find(String postId) {
        var item = dynamo.getItem(b -> b.tableName(postsTable).consistentRead(true).key(Map.of("postId", s(postId))));
        return item.hasItem() && !item.item().isEmpty() ? Optional.of(PostItems.post(item.item())) : Optional.empty();
    }

    @Override
    public boolean recordReview(Post reviewed) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":status", s(reviewed.status().name()));
        values.put(":pending", s(PENDING));
        values.put(":reasons", PostItems.list(reviewed.reasons()));
        values.put(":category", s(reviewed.category()));
        values.put(":at", n(reviewed.reviewedAt().toEpochMilli()));
        Map<String, AttributeValue> postValues = new HashMap<>(values);
        postValues.put(":hashtags", PostItems.list(reviewed.hashtags()));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    w -> w.update(u -> u.tableName(postsTable).key(Map.of("postId", s(reviewed.postId())))
                            .updateExpression("SET #s = :status, reasons = :reasons, category = :category, "
                                    + "hashtags = :hashtags, reviewedAt = :at")
                            .conditionExpression("#s = :pending")
                            .expressionAttributeNames(Map.of("#s", "status"))
                            .expressionAttributeValues(postValues)),
                    w -> w.update(u -> u.tableName(authorPostsTable).key(entryKey(reviewed))
                            .updateExpression("SET #s = :status, reasons = :reasons, category = :category, "
                                    + "reviewedAt = :at")
                            .conditionExpression("#s = :pending")
                            .expressionAttributeNames(Map.of("#s", "status"))
                            .expressionAttributeValues(values))));
            return true;
        } catch (TransactionCanceledException e) {
            if (firstFailedItsCondition(e)) return false; // decided already
            throw e;
        }
    }

    @Override
    public Page<PostSummary> byAuthor(String authorId, String cursor, int limit) {
        Map<String, AttributeValue> start = cursor == null ? null
                : Map.of("authorId", s(authorId), "sk", s(FeedCursor.decode(cursor).sortKey()));
        var result = dynamo.query(q -> q.tableName(authorPostsTable).consistentRead(true)
                .keyConditionExpression("authorId = :a")
                .expressionAttributeValues(Map.of(":a", s(authorId)))
                .scanIndexForward(false).limit(limit).exclusiveStartKey(start));
        String next = result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty()
                ? FeedCursor.fromSortKey(result.lastEvaluatedKey().get("sk").s()).encode() : null;
        return new Page<>(result.items().stream().map(DynamoPostStore::summary).toList(), next);
    }

    @Override
    public List<Inboxes.Entry> publishedBefore(String authorId, FeedCursor before, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":a", s(authorId),
                ":published", s(PostStatus.PUBLISHED.name())));
        String condition = "authorId = :a";
        if (before != null) {
            values.put(":before", s(before.sortKey()));
            condition += " AND sk < :before";
        }
        String keyCondition = condition;
        // the filter applies after each page's limit: read pages until enough passed it
        return dynamo.queryPaginator(q -> q.tableName(authorPostsTable).consistentRead(true)
                        .keyConditionExpression(keyCondition).filterExpression("#s = :published")
                        .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(values)
                        .scanIndexForward(false).limit(Math.max(limit, 25)))
                .items().stream().limit(limit).map(i -> {
                    Instant created = Instant.ofEpochMilli(Long.parseLong(i.get("createdAt").n()));
                    Instant published = i.containsKey("reviewedAt")
                            ? Instant.ofEpochMilli(Long.parseLong(i.get("reviewedAt").n())) : created;
                    return new Inboxes.Entry(i.get("postId").s(), authorId, i.get("title").s(), i.get("category").s(),
                            created, published);
                }).toList();
    }

    private static Map<String, AttributeValue> entry(Post post) {
        Map<String, AttributeValue> item = new HashMap<>(entryKey(post));
        item.put("postId", s(post.postId()));
        item.put("title", s(post.title()));
        item.put("category", s(post.category()));
        item.put("status", s(post.status().name()));
        item.put("reasons", PostItems.list(post.reasons()));
        item.put("createdAt", n(post.createdAt().toEpochMilli()));
        return item;
    }

    private static Map<String, AttributeValue> entryKey(Post post) {
        return Map.of("authorId", s(post.authorId()),
                "sk", s(FeedCursor.of(post.createdAt(), post.postId()).sortKey()));
    }

    private static PostSummary summary(Map<String, AttributeValue> item) {
        return new PostSummary(item.get("postId").s(), item.get("title").s(), item.get("category").s(),
                PostStatus.valueOf(item.get("status").s()), PostItems.strings(item.get("reasons")),
                Instant.ofEpochMilli(Long.parseLong(item.get("createdAt").n())));
    }

    /** The transaction was cancelled because the post's condition failed, and for no reason but conditions. */
    private static boolean firstFailedItsCondition(TransactionCanceledException e) {
        return e.hasCancellationReasons() && !e.cancellationReasons().isEmpty()
                && "ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code())
                && e.cancellationReasons().stream().skip(1).allMatch(r -> r.code() == null
                        || "None".equals(r.code()) || "ConditionalCheckFailed".equals(r.code()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
