package dev.rushgate.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.dynamodb.ConditionFailedException;
import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.expr.Condition;
import dev.rushgate.dynamodb.expr.ExpressionContext;
import dev.rushgate.dynamodb.expr.Expressions;
import dev.rushgate.dynamodb.expr.Projection;
import dev.rushgate.dynamodb.expr.Update;
import dev.rushgate.dynamodb.store.Catalog;
import dev.rushgate.dynamodb.store.Items;
import dev.rushgate.dynamodb.store.Mutation;
import dev.rushgate.dynamodb.store.Store;
import dev.rushgate.dynamodb.store.StoredKey;
import dev.rushgate.dynamodb.store.TableDef;
import dev.rushgate.dynamodb.store.TxAction;
import dev.rushgate.dynamodb.store.WriteOutcome;
import dev.rushgate.dynamodb.value.ItemSize;
import dev.rushgate.dynamodb.value.Value;
import dev.rushgate.dynamodb.value.ValueJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PutItem, GetItem, UpdateItem, DeleteItem, their batches, and transactions. */
final class ItemOperations {
    private static final int MAX_BATCH_WRITE = 25;
    private static final int MAX_BATCH_GET = 100;
    private static final int MAX_TRANSACTION = 100;
    private static final int MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;

    private final Catalog catalog;
    private final Store store;

    ItemOperations(Catalog catalog, Store store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** One write as it was asked: which item, what it does, and what to answer. */
    private record Write(TableDef table, StoredKey key, Mutation mutation, String returnValues, Set<String> updated,
                         boolean insertFirst) {}

    Body put(Request r) {
        r.refuseLegacy("Expected", "ConditionalOperator");
        Write w = putWrite(r, returnValues(r, Set.of("NONE", "ALL_OLD")));
        WriteOutcome out = store.write(w.table(), w.key(), w.mutation(), w.insertFirst());
        return attributes(w.returnValues().equals("ALL_OLD") ? out.old() : Map.of());
    }

    Body delete(Request r) {
        r.refuseLegacy("Expected", "ConditionalOperator");
        Write w = deleteWrite(r, returnValues(r, Set.of("NONE", "ALL_OLD")));
        WriteOutcome out = store.write(w.table(), w.key(), w.mutation(), false);
        return attributes(w.returnValues().equals("ALL_OLD") ? out.old() : Map.of());
    }

    Body update(Request r) {
        r.refuseLegacy("Expected", "ConditionalOperator", "AttributeUpdates");
        Write w = updateWrite(r, returnValues(r, Set.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW")));
        WriteOutcome out = store.write(w.table(), w.key(), w.mutation(), false);
        Map<String, Value> answer = switch (w.returnValues()) {
            case "ALL_OLD" -> out.old();
            case "ALL_NEW" -> out.now();
            case "UPDATED_OLD" -> only(out.old(), w.updated());
            case "UPDATED_NEW" -> only(out.now(), w.updated());
            default -> Map.of();
        };
        return attributes(answer);
    }

    Body get(Request r) {
        r.refuseLegacy("AttributesToGet");
        TableDef table = catalog.get(r.tableName());
        StoredKey key = StoredKey.of(table, r.item("Key"));
        ExpressionContext ctx = r.expressions();
        Projection projection = projection(r, ctx);
        ctx.checkAllUsed();
        byte[] json = store.getJson(table, key);
        Object item = json == null ? null : projection == null ? json : projection.apply(Items.fromBytes(json));
        return g -> {
            g.writeStartObject();
            if (item != null) {
                g.writeFieldName("Item");
                writeItem(g, item);
            }
            g.writeEndObject();
        };
    }

    Body batchWrite(Request r) {
        JsonNode requests = r.json().path("RequestItems");
        if (requests.isEmpty()) throw DynamoException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
        List<TxAction> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (var tables = requests.fields(); tables.hasNext(); ) {
            var entry = tables.next();
            TableDef table = catalog.get(entry.getKey());
            for (JsonNode w : entry.getValue()) {
                TxAction action;
                if (w.has("PutRequest")) {
                    Map<String, Value> item = new Request(w.get("PutRequest")).item("Item");
                    StoredKey key = checkedItemKey(table, item);
                    action = new TxAction(table, key, old -> item);
                } else if (w.has("DeleteRequest")) {
                    StoredKey key = StoredKey.of(table, new Request(w.get("DeleteRequest")).item("Key"));
                    action = new TxAction(table, key, old -> null);
                } else {
                    throw DynamoException.validation("1 validation error detected: a WriteRequest must contain a PutRequest or a DeleteRequest");
                }
                if (!seen.add(table.id() + "/" + keyId(action.key()))) {
                    throw DynamoException.validation("Provided list of item keys contains duplicates");
                }
                actions.add(action);
            }
        }
        if (actions.size() > MAX_BATCH_WRITE) {
            throw DynamoException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: "
                    + "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
        }
        // Every request of the batch is written, so nothing is ever left unprocessed.
        store.transact(actions, null, null);
        return g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("UnprocessedItems");
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    Body batchGet(Request r) {
        JsonNode requests = r.json().path("RequestItems");
        if (requests.isEmpty()) throw DynamoException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
        int total = 0;
        Map<String, List<Map<String, Value>>> responses = new LinkedHashMap<>();
        record TableGet(TableDef table, List<StoredKey> keys, Projection projection) {}
        List<TableGet> gets = new ArrayList<>();
        for (var tables = requests.fields(); tables.hasNext(); ) {
            var entry = tables.next();
            TableDef table = catalog.get(entry.getKey());
            Request part = new Request(entry.getValue());
            part.refuseLegacy("AttributesToGet");
            ExpressionContext ctx = part.expressions();
            Projection projection = projection(part, ctx);
            ctx.checkAllUsed();
            List<StoredKey> keys = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode k : entry.getValue().path("Keys")) {
                StoredKey key = StoredKey.of(table, ValueJson.readItem(k));
                if (!seen.add(keyId(key))) throw DynamoException.validation("Provided list of item keys contains duplicates");
                keys.add(key);
            }
            total += keys.size();
            gets.add(new TableGet(table, keys, projection));
        }
        if (total > MAX_BATCH_GET) {
            throw DynamoException.validation("Too many items requested for the BatchGetItem call");
        }
        for (TableGet get : gets) {
            List<Map<String, Value>> items = new ArrayList<>();
            for (Map<String, Value> item : store.getAll(get.table(), get.keys())) {
                items.add(get.projection() == null ? item : get.projection().apply(item));
            }
            responses.put(get.table().name(), items);
        }
        return g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("Responses");
            for (var e : responses.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (Map<String, Value> item : e.getValue()) ValueJson.writeItem(g, item);
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("UnprocessedKeys");
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    Body transactWrite(Request r) {
        JsonNode items = r.json().path("TransactItems");
        if (items.isEmpty() || items.size() > MAX_TRANSACTION) {
            throw DynamoException.validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 100");
        }
        if (items.toString().length() > MAX_TRANSACTION_BYTES) {
            throw DynamoException.validation("Transaction request size exceeds the maximum allowed size of 4 MB");
        }
        List<TxAction> actions = new ArrayList<>(items.size());
        Set<String> seen = new HashSet<>();
        for (JsonNode item : items) {
            if (item.size() != 1) throw DynamoException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
            var kind = item.fields().next();
            Request part = new Request(kind.getValue());
            Write w = switch (kind.getKey()) {
                case "Put" -> putWrite(part, "NONE");
                case "Update" -> updateWrite(part, "NONE");
                case "Delete" -> deleteWrite(part, "NONE");
                case "ConditionCheck" -> checkWrite(part);
                default -> throw DynamoException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
            };
            if (!seen.add(w.table().id() + "/" + keyId(w.key()))) {
                throw DynamoException.validation("Transaction request cannot include multiple operations on one item");
            }
            actions.add(new TxAction(w.table(), w.key(), w.mutation()));
        }
        String token = r.string("ClientRequestToken");
        store.transact(actions, token, token == null ? null : sha256(items.toString()));
        return Body.EMPTY;
    }

    Body transactGet(Request r) {
        JsonNode items = r.json().path("TransactItems");
        if (items.isEmpty() || items.size() > MAX_TRANSACTION) {
            throw DynamoException.validation("1 validation error detected: Value at 'transactItems' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 100");
        }
        List<TxAction> reads = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : items) {
            Request get = new Request(item.path("Get"));
            TableDef table = catalog.get(get.tableName());
            StoredKey key = StoredKey.of(table, get.item("Key"));
            if (!seen.add(table.id() + "/" + keyId(key))) {
                throw DynamoException.validation("Transaction request cannot include multiple operations on one item");
            }
            ExpressionContext ctx = get.expressions();
            projections.add(projection(get, ctx));
            ctx.checkAllUsed();
            reads.add(new TxAction(table, key, old -> old));
        }
        List<Map<String, Value>> found = store.readTogether(reads);
        return g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Responses");
            for (int i = 0; i < found.size(); i++) {
                g.writeStartObject();
                Map<String, Value> item = found.get(i);
                if (!item.isEmpty()) {
                    g.writeFieldName("Item");
                    ValueJson.writeItem(g, projections.get(i) == null ? item : projections.get(i).apply(item));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        };
    }

    // ---- the four kinds of write, for single requests and transactions alike ----

    private Write putWrite(Request r, String returnValues) {
        TableDef table = catalog.get(r.tableName());
        Map<String, Value> item = r.item("Item");
        StoredKey key = checkedItemKey(table, item);
        ExpressionContext ctx = r.expressions();
        Condition condition = condition(r, ctx);
        ctx.checkAllUsed();
        boolean oldOnFailure = oldOnFailure(r);
        Mutation m = old -> {
            check(condition, old, oldOnFailure);
            return item;
        };
        // A put expecting a new item (no condition, or one an absent item meets) is tried as a bare insert first.
        return new Write(table, key, m, returnValues, Set.of(), returnValues.equals("NONE"));
    }

    private Write deleteWrite(Request r, String returnValues) {
        TableDef table = catalog.get(r.tableName());
        StoredKey key = StoredKey.of(table, r.item("Key"));
        ExpressionContext ctx = r.expressions();
        Condition condition = condition(r, ctx);
        ctx.checkAllUsed();
        boolean oldOnFailure = oldOnFailure(r);
        return new Write(table, key, old -> {
            check(condition, old, oldOnFailure);
            return null;
        }, returnValues, Set.of(), false);
    }

    private Write updateWrite(Request r, String returnValues) {
        TableDef table = catalog.get(r.tableName());
        Map<String, Value> keyAttributes = r.item("Key");
        StoredKey key = StoredKey.of(table, keyAttributes);
        ExpressionContext ctx = r.expressions();
        String text = r.string("UpdateExpression");
        Update update = text == null ? null : Expressions.update(text, ctx);
        Condition condition = condition(r, ctx);
        ctx.checkAllUsed();
        if (update != null) {
            for (String name : update.topLevelAttributes()) {
                if (keyAttributes.containsKey(name)) {
                    throw DynamoException.validation("One or more parameter values were invalid: Cannot update attribute "
                            + name + ". This attribute is part of the key");
                }
            }
        }
        boolean oldOnFailure = oldOnFailure(r);
        Mutation m = old -> {
            check(condition, old, oldOnFailure);
            Map<String, Value> base = old.isEmpty() ? keyAttributes : old;
            Map<String, Value> now = update == null ? base : update.apply(base);
            if (now.equals(old)) return old;
            return now;
        };
        return new Write(table, key, m, returnValues, update == null ? Set.of() : update.topLevelAttributes(), false);
    }

    private Write checkWrite(Request r) {
        TableDef table = catalog.get(r.tableName());
        StoredKey key = StoredKey.of(table, r.item("Key"));
        ExpressionContext ctx = r.expressions();
        Condition condition = Expressions.condition(r.required("ConditionExpression"), ctx);
        ctx.checkAllUsed();
        boolean oldOnFailure = oldOnFailure(r);
        return new Write(table, key, old -> {
            check(condition, old, oldOnFailure);
            return old;
        }, "NONE", Set.of(), false);
    }

    private static void check(Condition condition, Map<String, Value> old, boolean oldOnFailure) {
        if (condition != null && !condition.test(old)) {
            throw new ConditionFailedException(oldOnFailure ? old : Map.of());
        }
    }

    private static StoredKey checkedItemKey(TableDef table, Map<String, Value> item) {
        StoredKey key = StoredKey.ofItem(table, item);
        ItemSize.check(item);
        return key;
    }

    private static Condition condition(Request r, ExpressionContext ctx) {
        String text = r.string("ConditionExpression");
        return text == null ? null : Expressions.condition(text, ctx);
    }

    static Projection projection(Request r, ExpressionContext ctx) {
        String text = r.string("ProjectionExpression");
        return text == null ? null : Expressions.projection(text, ctx);
    }

    private static boolean oldOnFailure(Request r) {
        String v = r.string("ReturnValuesOnConditionCheckFailure", "NONE");
        if (!v.equals("NONE") && !v.equals("ALL_OLD")) {
            throw DynamoException.validation("1 validation error detected: Value '" + v
                    + "' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]");
        }
        return v.equals("ALL_OLD");
    }

    private static String returnValues(Request r, Set<String> allowed) {
        String v = r.string("ReturnValues", "NONE");
        if (!allowed.contains(v)) {
            throw DynamoException.validation("ReturnValues can only be " + String.join(" or ", allowed.stream().sorted().toList())
                    + " for this operation");
        }
        return v;
    }

    private static Map<String, Value> only(Map<String, Value> item, Set<String> names) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (String n : names) {
            Value v = item.get(n);
            if (v != null) out.put(n, v);
        }
        return out;
    }

    private static Body attributes(Map<String, Value> item) {
        if (item.isEmpty()) return Body.EMPTY;
        return g -> {
            g.writeStartObject();
            g.writeFieldName("Attributes");
            ValueJson.writeItem(g, item);
            g.writeEndObject();
        };
    }

    private static String keyId(StoredKey key) {
        return java.util.HexFormat.of().formatHex(key.h()) + "/"
                + (key.r() instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : key.r().toString());
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes an item given as stored JSON ({@code byte[]}, copied as it is) or as values. */
    @SuppressWarnings("unchecked")
    static void writeItem(JsonGenerator g, Object item) throws IOException {
        if (item instanceof byte[] json) g.writeRawValue(new RawJson(json));
        else ValueJson.writeItem(g, (Map<String, Value>) item);
    }
}
