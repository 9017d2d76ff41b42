package dev.rushgate.notices.adapter;

import dev.rushgate.model.NoticeIssued;
import dev.rushgate.notices.domain.Notice;
import dev.rushgate.notices.domain.NoticeStore;
import dev.rushgate.notices.domain.Page;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.errors.BadInput;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Notices in the DynamoDB table {@code notifications}, partition key {@code userId}, sort key {@code sk}, two items a
 * notice (the engine, like a lean table, has no secondary index):
 * <ul>
 *   <li>its id item, {@code sk = I#<notificationId>}: written only if absent, so a fact sent twice is stored once; it
 *       records the list item's key ({@code listSk}), {@code readAt} and the channels that took it;</li>
 *   <li>its list item, {@code sk = L0#<13-digit inverted createdAt>#<id>} while unread, {@code L1#…} once read (moved
 *       in one transaction with the id item), holding the notice as JSON. A query of {@code begins_with(sk, "L")} in
 *       key order reads unread first, newest first within each.</li>
 * </ul>
 */
public final class DynamoNoticeStore implements NoticeStore {
    private static final long INVERT = 9_999_999_999_999L;
    private static final Pattern LIST_KEY = Pattern.compile("L[01]#\\d{13}#[A-Za-z0-9._:-]{1,200}");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoNoticeStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Set<String> store(NoticeIssued notice) {
        String listSk = listKey(false, notice.createdAt(), notice.notificationId());
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    w -> w.put(p -> p.tableName(table).item(Map.of("userId", s(notice.userId()),
                                    "sk", s(idKey(notice.notificationId())), "listSk", s(listSk)))
                            .conditionExpression("attribute_not_exists(sk)")),
                    w -> w.put(p -> p.tableName(table).item(Map.of("userId", s(notice.userId()), "sk", s(listSk),
                            "notice", s(Json.write(notice)))))));
            return Set.of();
        } catch (TransactionCanceledException e) {
            if (!e.hasCancellationReasons() || !"ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code())) {
                throw e;
            }
            var item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(Map.of("userId", s(notice.userId()), "sk", s(idKey(notice.notificationId()))))).item();
            AttributeValue took = item.get("took");
            return took == null ? Set.of() : new HashSet<>(took.ss());
        }
    }

    @Override
    public void delivered(String userId, String notificationId, String channel) {
        dynamo.updateItem(u -> u.tableName(table).key(Map.of("userId", s(userId), "sk", s(idKey(notificationId))))
                .updateExpression("ADD took :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromSs(
                        java.util.List.of(channel)))));
    }

    @Override
    public Page<Notice> page(String userId, String cursor, int limit) {
        Map<String, AttributeValue> start = cursor == null ? null
                : Map.of("userId", s(userId), "sk", s(decode(cursor)));
        var result = dynamo.query(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("userId = :u AND begins_with(sk, :l)")
                .expressionAttributeValues(Map.of(":u", s(userId), ":l", s("L"))).limit(limit)
                .exclusiveStartKey(start));
        String next = result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty()
                ? encode(result.lastEvaluatedKey().get("sk").s()) : null;
        return new Page<>(result.items().stream().map(i -> new Notice(
                Json.read(i.get("notice").s(), NoticeIssued.class),
                i.containsKey("readAt") ? Instant.ofEpochMilli(Long.parseLong(i.get("readAt").n())) : null)).toList(),
                next);
    }

    @Override
    public int markRead(String userId, Collection<String> notificationIds, Instant at) {
        int changed = 0;
        for (String id : notificationIds) {
            var idItem = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(Map.of("userId", s(userId), "sk", s(idKey(id))))).item();
            if (idItem == null || idItem.isEmpty() || idItem.containsKey("readAt")) continue;
            String unreadSk = idItem.get("listSk").s();
            var listItem = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                    .key(Map.of("userId", s(userId), "sk", s(unreadSk)))).item();
            if (listItem == null || listItem.isEmpty()) continue;
            String readSk = "L1" + unreadSk.substring(2);
            var readAt = AttributeValue.fromN(Long.toString(at.toEpochMilli()));
            Map<String, AttributeValue> read = new HashMap<>(listItem);
            read.put("sk", s(readSk));
            read.put("readAt", readAt);
            try {
                dynamo.transactWriteItems(t -> t.transactItems(
                        w -> w.update(u -> u.tableName(table).key(Map.of("userId", s(userId), "sk", s(idKey(id))))
                                .updateExpression("SET readAt = :r, listSk = :l")
                                .conditionExpression("attribute_not_exists(readAt)")
                                .expressionAttributeValues(Map.of(":r", readAt, ":l", s(readSk)))),
                        w -> w.delete(d -> d.tableName(table).key(Map.of("userId", s(userId), "sk", s(unreadSk)))),
                        w -> w.put(p -> p.tableName(table).item(read))));
                changed++;
            } catch (TransactionCanceledException | ConditionalCheckFailedException e) {
                // marked read meanwhile by another call: nothing left to do
            }
        }
        return changed;
    }

    private static String idKey(String notificationId) {
        return "I#" + notificationId;
    }

    static String listKey(boolean read, long createdAt, String notificationId) {
        return (read ? "L1#" : "L0#") + String.format("%013d", INVERT - createdAt) + "#" + notificationId;
    }

    private static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!LIST_KEY.matcher(key).matches()) throw new IllegalArgumentException(key);
            return key;
        } catch (IllegalArgumentException e) {
            throw new BadInput("invalid-cursor", "cursor is not one we issued");
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
