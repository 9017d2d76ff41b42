package dev.rushgate.dynamodb.api;

import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.expr.Condition;
import dev.rushgate.dynamodb.expr.ExpressionContext;
import dev.rushgate.dynamodb.expr.Expressions;
import dev.rushgate.dynamodb.expr.KeyCondition;
import dev.rushgate.dynamodb.expr.Projection;
import dev.rushgate.dynamodb.store.Catalog;
import dev.rushgate.dynamodb.store.KeyAttribute;
import dev.rushgate.dynamodb.store.Row;
import dev.rushgate.dynamodb.store.Store;
import dev.rushgate.dynamodb.store.StoredKey;
import dev.rushgate.dynamodb.store.TableDef;
import dev.rushgate.dynamodb.value.Bytes;
import dev.rushgate.dynamodb.value.Value;
import dev.rushgate.dynamodb.value.ValueJson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Query and Scan. Both read in key order, stop at {@code Limit} items evaluated or at 1 MB, whichever comes first,
 * and only then apply the FilterExpression, as DynamoDB does: a page may hold fewer items than {@code Limit} and
 * still have a LastEvaluatedKey.
 */
final class ReadOperations {
    /** DynamoDB stops a page at 1 MB of items read. */
    static final int PAGE_BYTES = 1024 * 1024;
    /** Rows fetched from PostgreSQL per round trip while filling a page. */
    private static final int CHUNK = 256;

    private final Catalog catalog;
    private final Store store;

    ReadOperations(Catalog catalog, Store store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** What is left of a read request once parsed: filter, projection, and what to answer. */
    private record Shape(Condition filter, Projection projection, boolean countOnly, Integer limit) {}

    Body query(Request r) {
        r.refuseLegacy("KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator");
        if (r.has("IndexName")) throw DynamoException.validation("This engine does not support secondary indexes yet");
        TableDef table = catalog.get(r.tableName());
        ExpressionContext ctx = r.expressions();
        String keyText = r.string("KeyConditionExpression");
        if (keyText == null) throw DynamoException.validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        KeyCondition key = Expressions.keyCondition(keyText, ctx).forPartitionKey(table.hash().name());
        Shape shape = shape(r, ctx);
        ctx.checkAllUsed();
        if (shape.filter() != null) {
            for (String name : Expressions.attributesRead(shape.filter())) {
                if (name.equals(table.hash().name()) || (table.hasRange() && name.equals(table.range().name()))) {
                    throw DynamoException.validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: " + name);
                }
            }
        }

        if (!key.partitionName().equals(table.hash().name())) {
            throw DynamoException.validation("Query condition missed key schema element: " + table.hash().name());
        }
        StoredKey partition = StoredKey.of(table, partitionOnly(table, key));
        List<Store.RangeBound> bounds = bounds(table, key);
        boolean forward = !r.has("ScanIndexForward") || r.bool("ScanIndexForward");
        Object start = null;
        if (r.has("ExclusiveStartKey")) {
            StoredKey esk = StoredKey.of(table, r.item("ExclusiveStartKey"));
            if (!Arrays.equals(esk.h(), partition.h())) {
                throw DynamoException.validation("The provided starting key is invalid: The provided key element does not match the schema");
            }
            start = esk.r();
        }
        Object[] after = {start};
        return page(table, shape, limit -> {
            List<Row> rows = store.query(table, partition, bounds, after[0], forward, limit);
            if (!rows.isEmpty()) after[0] = rows.getLast().key().r();
            return rows;
        });
    }

    Body scan(Request r) {
        r.refuseLegacy("ScanFilter", "AttributesToGet", "ConditionalOperator");
        if (r.has("IndexName")) throw DynamoException.validation("This engine does not support secondary indexes yet");
        TableDef table = catalog.get(r.tableName());
        ExpressionContext ctx = r.expressions();
        Shape shape = shape(r, ctx);
        ctx.checkAllUsed();
        Integer segment = r.integer("Segment");
        Integer total = r.integer("TotalSegments");
        if ((segment == null) != (total == null)) {
            throw DynamoException.validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
        }
        int from = 0;
        int to = StoredKey.HASH_SPACE;
        if (total != null) {
            if (total < 1 || total > 1_000_000) throw DynamoException.validation("1 validation error detected: Value '" + total + "' at 'totalSegments' failed to satisfy constraint: Member must have value less than or equal to 1000000");
            if (segment < 0 || segment >= total) {
                throw DynamoException.validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: "
                        + segment + " is out of bounds for TotalSegments: " + total);
            }
            from = (int) ((long) segment * StoredKey.HASH_SPACE / total);
            to = (int) ((long) (segment + 1) * StoredKey.HASH_SPACE / total);
        }
        StoredKey[] after = {r.has("ExclusiveStartKey") ? StoredKey.of(table, r.item("ExclusiveStartKey")) : null};
        int lo = from;
        int hi = to;
        return page(table, shape, limit -> {
            if (lo == hi) return List.of();
            List<Row> rows = store.scan(table, lo, hi, after[0], limit);
            if (!rows.isEmpty()) after[0] = rows.getLast().key();
            return rows;
        });
    }

    private static Shape shape(Request r, ExpressionContext ctx) {
        String filterText = r.string("FilterExpression");
        Condition filter = filterText == null ? null : Expressions.filter(filterText, ctx);
        Projection projection = ItemOperations.projection(r, ctx);
        String select = r.string("Select", projection == null ? "ALL_ATTRIBUTES" : "SPECIFIC_ATTRIBUTES");
        switch (select) {
            case "ALL_ATTRIBUTES", "COUNT" -> {
                if (projection != null) {
                    throw DynamoException.validation("Cannot specify the ProjectionExpression when choosing to get " + select);
                }
            }
            case "SPECIFIC_ATTRIBUTES" -> {
                if (projection == null) throw DynamoException.validation("ProjectionExpression must be specified when Select is SPECIFIC_ATTRIBUTES");
            }
            case "ALL_PROJECTED_ATTRIBUTES" -> throw DynamoException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when querying an index");
            default -> throw DynamoException.validation("1 validation error detected: Value '" + select
                    + "' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
        }
        Integer limit = r.integer("Limit");
        if (limit != null && limit < 1) {
            throw DynamoException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        return new Shape(filter, projection, select.equals("COUNT"), limit);
    }

    /** Reads chunks from {@code next} until the limit or 1 MB, then answers the page. */
    private static Body page(TableDef table, Shape shape, IntFunction<List<Row>> next) {
        // Each item as stored (byte[]) when nothing looks inside it, else as the filter and projection leave it.
        List<Object> items = new ArrayList<>();
        int scanned = 0;
        int matched = 0;
        long bytes = 0;
        StoredKey last = null;
        boolean truncated = false;
        reading:
        while (true) {
            int want = shape.limit() == null ? CHUNK : Math.min(CHUNK, shape.limit() - scanned);
            List<Row> rows = next.apply(want);
            for (Row row : rows) {
                if (scanned > 0 && bytes + row.size() > PAGE_BYTES) {
                    truncated = true;
                    break reading;
                }
                scanned++;
                bytes += row.size();
                last = row.key();
                if (shape.filter() == null || shape.filter().test(row.item())) {
                    matched++;
                    if (!shape.countOnly()) items.add(shape.projection() == null ? row.json() : shape.projection().apply(row.item()));
                }
                if (shape.limit() != null && scanned == shape.limit()) {
                    truncated = true;
                    break reading;
                }
            }
            if (rows.size() < want) break;
        }
        Map<String, Value> lastKey = truncated && last != null ? last.attributes(table) : null;
        int count = matched;
        int scannedCount = scanned;
        return g -> {
            g.writeStartObject();
            if (!shape.countOnly()) {
                g.writeArrayFieldStart("Items");
                for (Object item : items) ItemOperations.writeItem(g, item);
                g.writeEndArray();
            }
            g.writeNumberField("Count", count);
            g.writeNumberField("ScannedCount", scannedCount);
            if (lastKey != null) {
                g.writeFieldName("LastEvaluatedKey");
                ValueJson.writeItem(g, lastKey);
            }
            g.writeEndObject();
        };
    }

    private static Map<String, Value> partitionOnly(TableDef table, KeyCondition key) {
        Value v = key.partitionValue();
        if (!v.type().equals(table.hash().type())) {
            throw DynamoException.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
        }
        if (!table.hasRange()) {
            if (key.sortName() != null) {
                throw DynamoException.validation("Query condition missed key schema element: " + key.sortName());
            }
            return Map.of(table.hash().name(), v);
        }
        // A partition-only key is not a full key: encode the partition with a placeholder sort key of the right type.
        Value placeholder = switch (table.range().type()) {
            case "S" -> new Value.S("_");
            case "B" -> new Value.B(new Bytes(new byte[] {0}));
            default -> Value.n(0);
        };
        return Map.of(table.hash().name(), v, table.range().name(), placeholder);
    }

    private static List<Store.RangeBound> bounds(TableDef table, KeyCondition key) {
        if (key.sortName() == null) return List.of();
        if (!table.hasRange() || !key.sortName().equals(table.range().name())) {
            throw DynamoException.validation("Query condition missed key schema element: "
                    + (table.hasRange() ? table.range().name() : table.hash().name()));
        }
        KeyAttribute range = table.range();
        List<Object> v = new ArrayList<>();
        for (Value value : key.sortValues()) {
            if (!value.type().equals(range.type())) {
                throw DynamoException.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
            }
            v.add(stored(value));
        }
        return switch (key.op()) {
            case EQ -> List.of(new Store.RangeBound("=", v.get(0)));
            case LT -> List.of(new Store.RangeBound("<", v.get(0)));
            case LE -> List.of(new Store.RangeBound("<=", v.get(0)));
            case GT -> List.of(new Store.RangeBound(">", v.get(0)));
            case GE -> List.of(new Store.RangeBound(">=", v.get(0)));
            case BETWEEN -> {
                if (compare(v.get(0), v.get(1)) > 0) {
                    throw DynamoException.validation("Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound");
                }
                yield List.of(new Store.RangeBound(">=", v.get(0)), new Store.RangeBound("<=", v.get(1)));
            }
            case BEGINS_WITH -> {
                if (range.type().equals("N")) {
                    throw DynamoException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
                }
                byte[] prefix = (byte[]) v.get(0);
                byte[] next = successor(prefix);
                yield next == null ? List.of(new Store.RangeBound(">=", prefix))
                        : List.of(new Store.RangeBound(">=", prefix), new Store.RangeBound("<", next));
            }
        };
    }

    private static Object stored(Value v) {
        return switch (v) {
            case Value.S s -> s.value().getBytes(StandardCharsets.UTF_8);
            case Value.B b -> b.value().bytes();
            case Value.N n -> n.value();
            default -> throw DynamoException.validation("One or more parameter values were invalid: Condition parameter type does not match schema type");
        };
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) return Arrays.compareUnsigned(x, y);
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** The smallest byte string greater than every string starting with {@code prefix}; null when there is none. */
    private static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if ((prefix[i] & 0xFF) != 0xFF) {
                byte[] next = Arrays.copyOf(prefix, i + 1);
                next[i]++;
                return next;
            }
        }
        return null;
    }
}
