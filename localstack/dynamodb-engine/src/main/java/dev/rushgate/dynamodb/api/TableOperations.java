package dev.rushgate.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.store.Catalog;
import dev.rushgate.dynamodb.store.KeyAttribute;
import dev.rushgate.dynamodb.store.Store;
import dev.rushgate.dynamodb.store.TableDef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable and the two TTL operations. */
final class TableOperations {
    private static final Set<String> VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");

    private final Catalog catalog;
    private final Store store;

    TableOperations(Catalog catalog, Store store) {
        this.catalog = catalog;
        this.store = store;
    }

    Body create(Request r) {
        String name = r.tableName();
        if (r.has("GlobalSecondaryIndexes") || r.has("LocalSecondaryIndexes")) {
            throw DynamoException.validation("This engine does not support secondary indexes yet");
        }
        Map<String, String> definitions = new LinkedHashMap<>();
        for (JsonNode d : r.json().path("AttributeDefinitions")) {
            String type = d.path("AttributeType").asText();
            if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
                throw DynamoException.validation("1 validation error detected: Value '" + type
                        + "' at 'attributeDefinitions.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]");
            }
            definitions.put(d.path("AttributeName").asText(), type);
        }
        JsonNode schema = r.json().path("KeySchema");
        if (schema.isEmpty() || schema.size() > 2) {
            throw DynamoException.validation("1 validation error detected: Value at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2");
        }
        String hashName = null;
        String rangeName = null;
        for (JsonNode k : schema) {
            String keyType = k.path("KeyType").asText();
            if (keyType.equals("HASH") && hashName == null) hashName = k.path("AttributeName").asText();
            else if (keyType.equals("RANGE") && rangeName == null) rangeName = k.path("AttributeName").asText();
            else throw DynamoException.validation("Invalid KeySchema: Some index key attribute have no definition");
        }
        if (hashName == null || !schema.get(0).path("KeyType").asText().equals("HASH")) {
            throw DynamoException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        List<String> keys = new ArrayList<>();
        keys.add(hashName);
        if (rangeName != null) keys.add(rangeName);
        if (!definitions.keySet().containsAll(keys)) {
            throw DynamoException.validation("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: "
                    + keys + ", AttributeDefinitions: " + definitions.keySet());
        }
        if (definitions.size() != keys.size()) {
            throw DynamoException.validation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        String billing = r.string("BillingMode", "PROVISIONED");
        if (billing.equals("PROVISIONED") && !r.has("ProvisionedThroughput")) {
            throw DynamoException.validation("One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        String view = streamView(r);
        TableDef t = catalog.create(name, new KeyAttribute(hashName, definitions.get(hashName)),
                rangeName == null ? null : new KeyAttribute(rangeName, definitions.get(rangeName)), view);
        return description("TableDescription", t, "ACTIVE", 0);
    }

    /** The stream view type a StreamSpecification asks for, or null for none. */
    private static String streamView(Request r) {
        Request spec = r.part("StreamSpecification");
        if (!spec.bool("StreamEnabled")) return null;
        String view = spec.string("StreamViewType");
        if (view == null || !VIEW_TYPES.contains(view)) {
            throw DynamoException.validation("One or more parameter values were invalid: StreamViewType must be one of " + VIEW_TYPES);
        }
        return view;
    }

    Body describe(Request r) {
        TableDef t = catalog.get(r.tableName());
        long count = store.approximateCount(t);
        return description("Table", t, "ACTIVE", count);
    }

    Body update(Request r) {
        String name = r.tableName();
        TableDef t = catalog.get(name);
        if (r.has("StreamSpecification")) {
            String view = streamView(r);
            if (view != null && t.hasStream()) {
                throw DynamoException.validation("Table already has an enabled stream: " + t.streamArn());
            }
            t = catalog.setStream(name, view);
        }
        return description("TableDescription", t, "ACTIVE", 0);
    }

    Body delete(Request r) {
        TableDef t = catalog.delete(r.tableName());
        return description("TableDescription", t, "DELETING", 0);
    }

    Body list(Request r) {
        Integer limit = r.integer("Limit");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw DynamoException.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
        }
        int max = limit == null ? 100 : limit;
        String after = r.string("ExclusiveStartTableName");
        List<String> names = new ArrayList<>();
        boolean more = false;
        for (TableDef t : catalog.all()) {
            if (after != null && t.name().compareTo(after) <= 0) continue;
            if (names.size() == max) {
                more = true;
                break;
            }
            names.add(t.name());
        }
        boolean hasMore = more;
        return g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("TableNames");
            for (String n : names) g.writeString(n);
            g.writeEndArray();
            if (hasMore) g.writeStringField("LastEvaluatedTableName", names.getLast());
            g.writeEndObject();
        };
    }

    Body updateTimeToLive(Request r) {
        String name = r.tableName();
        TableDef t = catalog.get(name);
        Request spec = r.part("TimeToLiveSpecification");
        String attribute = spec.required("AttributeName");
        boolean enabled = spec.bool("Enabled");
        if (enabled && t.ttlAttribute() != null) throw DynamoException.validation("TimeToLive is already enabled");
        if (!enabled && t.ttlAttribute() == null) throw DynamoException.validation("TimeToLive is already disabled");
        if (!enabled && !attribute.equals(t.ttlAttribute())) {
            throw DynamoException.validation("TimeToLive attribute name does not match the enabled one: " + t.ttlAttribute());
        }
        catalog.setTtl(name, enabled ? attribute : null);
        return g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("TimeToLiveSpecification");
            g.writeBooleanField("Enabled", enabled);
            g.writeStringField("AttributeName", attribute);
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    Body describeTimeToLive(Request r) {
        TableDef t = catalog.get(r.tableName());
        return g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("TimeToLiveDescription");
            g.writeStringField("TimeToLiveStatus", t.ttlAttribute() == null ? "DISABLED" : "ENABLED");
            if (t.ttlAttribute() != null) g.writeStringField("AttributeName", t.ttlAttribute());
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    /** An answer of one field, {@code field}, holding the table's description. */
    private static Body description(String field, TableDef t, String status, long count) {
        return g -> {
            g.writeStartObject();
            g.writeFieldName(field);
            describe(g, t, status, count);
            g.writeEndObject();
        };
    }

    static void describe(JsonGenerator g, TableDef t, String status, long count) throws IOException {
        g.writeStartObject();
        g.writeStringField("TableName", t.name());
        g.writeStringField("TableArn", t.arn());
        g.writeStringField("TableId", UUID.nameUUIDFromBytes((t.name() + "#" + t.id()).getBytes()).toString());
        g.writeStringField("TableStatus", status);
        g.writeNumberField("CreationDateTime", t.created().toEpochMilli() / 1000.0);
        g.writeArrayFieldStart("KeySchema");
        keyElement(g, t.hash(), "HASH");
        if (t.hasRange()) keyElement(g, t.range(), "RANGE");
        g.writeEndArray();
        g.writeArrayFieldStart("AttributeDefinitions");
        definition(g, t.hash());
        if (t.hasRange()) definition(g, t.range());
        g.writeEndArray();
        g.writeNumberField("ItemCount", count);
        g.writeNumberField("TableSizeBytes", 0);
        g.writeObjectFieldStart("BillingModeSummary");
        g.writeStringField("BillingMode", "PAY_PER_REQUEST");
        g.writeEndObject();
        g.writeObjectFieldStart("ProvisionedThroughput");
        g.writeNumberField("NumberOfDecreasesToday", 0);
        g.writeNumberField("ReadCapacityUnits", 0);
        g.writeNumberField("WriteCapacityUnits", 0);
        g.writeEndObject();
        if (t.hasStream()) {
            g.writeObjectFieldStart("StreamSpecification");
            g.writeBooleanField("StreamEnabled", true);
            g.writeStringField("StreamViewType", t.streamViewType());
            g.writeEndObject();
            g.writeStringField("LatestStreamLabel", t.streamLabel());
            g.writeStringField("LatestStreamArn", t.streamArn());
        }
        g.writeBooleanField("DeletionProtectionEnabled", false);
        g.writeEndObject();
    }

    private static void keyElement(JsonGenerator g, KeyAttribute k, String type) throws IOException {
        g.writeStartObject();
        g.writeStringField("AttributeName", k.name());
        g.writeStringField("KeyType", type);
        g.writeEndObject();
    }

    private static void definition(JsonGenerator g, KeyAttribute k) throws IOException {
        g.writeStartObject();
        g.writeStringField("AttributeName", k.name());
        g.writeStringField("AttributeType", k.type());
        g.writeEndObject();
    }
}
