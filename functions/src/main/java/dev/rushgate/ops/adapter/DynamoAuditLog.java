package dev.rushgate.ops.adapter;

import dev.rushgate.ops.domain.AuditEntry;
import dev.rushgate.ops.domain.AuditLog;
import dev.rushgate.platform.Ids;
import dev.rushgate.platform.errors.BadInput;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The audit log in the DynamoDB table {@code audit}: one partition ({@code log = "controls"}; controls are made by
 * people, a few a minute, far below a partition's thousand writes a second), sort key {@code sk} = the entry's
 * time-ordered id, so a query backwards reads newest first and the cursor is the last id read. An entry is put when
 * it starts and put again, whole, when it settles.
 */
public final class DynamoAuditLog implements AuditLog {
    private static final String PARTITION = "controls";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAuditLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void append(AuditEntry entry) {
        dynamo.putItem(p -> p.tableName(table).item(item(entry)).conditionExpression("attribute_not_exists(sk)"));
    }

    @Override
    public void settle(AuditEntry entry) {
        dynamo.putItem(p -> p.tableName(table).item(item(entry)));
    }

    @Override
    public AuditPage newestFirst(String cursor, int limit) {
        if (cursor != null && !Ids.isServerMade(cursor)) {
            throw new BadInput("invalid-cursor", "cursor is not one we issued");
        }
        Map<String, AttributeValue> start = cursor == null ? null : Map.of("log", s(PARTITION), "sk", s(cursor));
        var result = dynamo.query(q -> q.tableName(table).consistentRead(true).scanIndexForward(false)
                .keyConditionExpression("#l = :l").expressionAttributeNames(Map.of("#l", "log"))
                .expressionAttributeValues(Map.of(":l", s(PARTITION))).limit(limit).exclusiveStartKey(start));
        String next = result.hasLastEvaluatedKey() && !result.lastEvaluatedKey().isEmpty()
                ? result.lastEvaluatedKey().get("sk").s() : null;
        return new AuditPage(result.items().stream().map(DynamoAuditLog::entry).toList(), next);
    }

    private static Map<String, AttributeValue> item(AuditEntry entry) {
        Map<String, AttributeValue> details = new HashMap<>();
        entry.details().forEach((k, v) -> details.put(k, s(v)));
        Map<String, AttributeValue> item = new HashMap<>(Map.of("log", s(PARTITION), "sk", s(entry.entryId()),
                "at", s(entry.at().toString()), "who", s(entry.who()), "action", s(entry.action()),
                "kind", s(entry.kind()), "id", s(entry.id()), "details", AttributeValue.fromM(details),
                "status", s(entry.status().name())));
        if (entry.code() != null) item.put("code", s(entry.code()));
        return item;
    }

    private static AuditEntry entry(Map<String, AttributeValue> item) {
        Map<String, String> details = new TreeMap<>();
        item.get("details").m().forEach((k, v) -> details.put(k, v.s()));
        AttributeValue code = item.get("code");
        return new AuditEntry(item.get("sk").s(), Instant.parse(item.get("at").s()), item.get("who").s(),
                item.get("action").s(), item.get("kind").s(), item.get("id").s(), details,
                AuditEntry.Status.valueOf(item.get("status").s()), code == null ? null : code.s());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
