package dev.rushgate.drops.adapter;

import dev.rushgate.drops.domain.Drop;
import dev.rushgate.drops.domain.DropCatalog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drops in DynamoDB, one item per drop keyed by {@code dropId}. The item also carries {@code confirmed},
 * which {@link DynamoClaimLedger} increments in the same transaction that stores a claim; saving a drop's
 * terms never touches it.
 */
public final class DynamoDropCatalog implements DropCatalog {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDropCatalog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean save(Drop drop) {
        Map<String, String> names = new HashMap<>(Map.of("#n", "name", "#s", "stock", "#p", "perUserLimit",
                "#o", "opensAt", "#c", "closesAt", "#r", "roomId", "#w", "webhookUrl", "#ow", "ownerId"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":n", s(drop.name()), ":s", n(drop.stock()), ":p", n(drop.perUserLimit()),
                ":o", s(drop.opensAt().toString())));
        List<String> set = new ArrayList<>(List.of("#n = :n", "#s = :s", "#p = :p", "#o = :o"));
        List<String> remove = new ArrayList<>();
        if (drop.closesAt() != null) {
            set.add("#c = :c");
            values.put(":c", s(drop.closesAt().toString()));
        } else {
            remove.add("#c");
        }
        if (drop.roomId() != null) {
            set.add("#r = :r");
            values.put(":r", s(drop.roomId()));
        } else {
            remove.add("#r");
        }
        if (drop.webhookUrl() != null) {
            set.add("#w = :w");
            values.put(":w", s(drop.webhookUrl()));
        } else {
            remove.add("#w");
        }
        if (drop.ownerId() != null) {
            set.add("#ow = :ow");
            values.put(":ow", s(drop.ownerId()));
        } else {
            remove.add("#ow");
        }
        String update = "SET " + String.join(", ", set) + (remove.isEmpty() ? "" : " REMOVE " + String.join(", ", remove));
        var old = dynamo.updateItem(b -> b.tableName(table).key(Map.of("dropId", s(drop.dropId())))
                .updateExpression(update).expressionAttributeNames(names).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_OLD));
        return !old.hasAttributes() || old.attributes().isEmpty();
    }

    @Override
    public Optional<Drop> find(String dropId) {
        return findCounted(dropId).map(Counted::drop);
    }

    /** One read: the terms and the count live in the same item. */
    @Override
    public Optional<Counted> findCounted(String dropId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Map.of("dropId", s(dropId))).consistentRead(true));
        if (!item.hasItem() || item.item().isEmpty()) return Optional.empty();
        Map<String, AttributeValue> a = item.item();
        AttributeValue confirmed = a.get("confirmed");
        return Optional.of(new Counted(decode(dropId, a), confirmed == null ? 0 : Long.parseLong(confirmed.n())));
    }

    private static Drop decode(String dropId, Map<String, AttributeValue> a) {
        return new Drop(dropId, a.get("name").s(), Integer.parseInt(a.get("stock").n()),
                Integer.parseInt(a.get("perUserLimit").n()), Instant.parse(a.get("opensAt").s()),
                a.containsKey("closesAt") ? Instant.parse(a.get("closesAt").s()) : null,
                a.containsKey("roomId") ? a.get("roomId").s() : null,
                a.containsKey("webhookUrl") ? a.get("webhookUrl").s() : null,
                a.containsKey("ownerId") ? a.get("ownerId").s() : null);
    }

    @Override
    public long confirmed(String dropId) {
        var item = dynamo.getItem(b -> b.tableName(table).key(Map.of("dropId", s(dropId)))
                .projectionExpression("confirmed").consistentRead(true));
        AttributeValue confirmed = item.hasItem() ? item.item().get("confirmed") : null;
        return confirmed == null ? 0 : Long.parseLong(confirmed.n());
    }

    @Override
    public List<String> dropIds() {
        List<String> ids = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(table).projectionExpression("dropId"))
                .items().forEach(item -> ids.add(item.get("dropId").s()));
        return ids;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
