package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Authors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code authors} table, by {@code authorId}: {@code followers} (kept by the subscription transactions), and
 * {@code loud} once the author is.
 */
public final class DynamoAuthors implements Authors {
    /** BatchGetItem's most keys per request. */
    private static final int KEYS_PER_GET = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAuthors(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Standing standing(String authorId) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(authorId))).item();
        if (item == null) return new Standing(0, false);
        return new Standing(item.containsKey("followers") ? Long.parseLong(item.get("followers").n()) : 0,
                item.containsKey("loud") && Boolean.TRUE.equals(item.get("loud").bool()));
    }

    @Override
    public void markLoud(String authorId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(authorId))
                .updateExpression("SET loud = :yes, loudSince = if_not_exists(loudSince, :now)")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true),
                        ":now", AttributeValue.fromN(Long.toString(System.currentTimeMillis())))));
    }

    @Override
    public Set<String> loud(Collection<String> authorIds) {
        Set<String> loud = new HashSet<>();
        List<String> ids = new ArrayList<>(new HashSet<>(authorIds));
        for (int from = 0; from < ids.size(); from += KEYS_PER_GET) {
            List<Map<String, AttributeValue>> keys = ids.subList(from, Math.min(ids.size(), from + KEYS_PER_GET))
                    .stream().map(DynamoAuthors::key).toList();
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("authorId, loud").build());
            while (!pending.isEmpty()) {
                Map<String, KeysAndAttributes> now = pending;
                var result = dynamo.batchGetItem(b -> b.requestItems(now));
                result.responses().getOrDefault(table, List.of()).stream()
                        .filter(i -> i.containsKey("loud") && Boolean.TRUE.equals(i.get("loud").bool()))
                        .forEach(i -> loud.add(i.get("authorId").s()));
                pending = result.hasUnprocessedKeys() ? result.unprocessedKeys() : Map.of();
            }
        }
        return loud;
    }

    private static Map<String, AttributeValue> key(String authorId) {
        return Map.of("authorId", AttributeValue.fromS(authorId));
    }
}
