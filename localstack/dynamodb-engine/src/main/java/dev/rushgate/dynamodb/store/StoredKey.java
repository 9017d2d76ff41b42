package dev.rushgate.dynamodb.store;

import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.value.Bytes;
import dev.rushgate.dynamodb.value.Numbers;
import dev.rushgate.dynamodb.value.Value;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A primary key as PostgreSQL stores it: {@code hh}, a 16-bit hash of the partition key that orders a Scan and
 * splits it into segments; {@code h}, the partition key's bytes; {@code r}, the sort key as bytes (S, B: UTF-8 and
 * raw bytes compare as DynamoDB orders them) or as a number (N), and empty bytes when the table has no sort key.
 */
public record StoredKey(int hh, byte[] h, Object r) implements Comparable<StoredKey> {
    static final byte[] NO_RANGE = new byte[0];
    /** Scans split the hash space [0, 65536) into equal ranges, one per segment. */
    public static final int HASH_SPACE = 1 << 16;
    /** DynamoDB's limits on key sizes, in bytes. */
    private static final int MAX_PARTITION_KEY = 2048;
    private static final int MAX_SORT_KEY = 1024;

    /** Checks {@code key} against the table's schema, with DynamoDB's wording, and encodes it. */
    public static StoredKey of(TableDef table, Map<String, Value> key) {
        int expected = table.hasRange() ? 2 : 1;
        if (key.size() != expected || !key.containsKey(table.hash().name())
                || (table.hasRange() && !key.containsKey(table.range().name()))) {
            throw DynamoException.validation("The provided key element does not match the schema");
        }
        byte[] h = bytes(table.hash(), key.get(table.hash().name()));
        if (h.length > MAX_PARTITION_KEY) {
            throw DynamoException.validation("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes");
        }
        Object r = table.hasRange() ? sort(table.range(), key.get(table.range().name())) : NO_RANGE;
        if (r instanceof byte[] b && b.length > MAX_SORT_KEY) {
            throw DynamoException.validation("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
        return new StoredKey(hash(h), h, r);
    }

    /** The key of a whole item, checking that its key attributes are there and of the declared types. */
    public static StoredKey ofItem(TableDef table, Map<String, Value> item) {
        return of(table, keyOf(table, item));
    }

    /** Just the key attributes of {@code item}, in schema order. */
    public static Map<String, Value> keyOf(TableDef table, Map<String, Value> item) {
        Map<String, Value> key = new LinkedHashMap<>(2);
        Value h = item.get(table.hash().name());
        if (h == null) throw missingKey(table.hash().name());
        key.put(table.hash().name(), h);
        if (table.hasRange()) {
            Value r = item.get(table.range().name());
            if (r == null) throw missingKey(table.range().name());
            key.put(table.range().name(), r);
        }
        return key;
    }

    private static DynamoException missingKey(String name) {
        return DynamoException.validation("One or more parameter values were invalid: Missing the key " + name + " in the item");
    }

    static byte[] bytes(KeyAttribute attribute, Value value) {
        checkType(attribute, value);
        return switch (value) {
            case Value.S s -> {
                if (s.value().isEmpty()) throw emptyKey(attribute);
                yield s.value().getBytes(StandardCharsets.UTF_8);
            }
            case Value.B b -> {
                if (b.value().length() == 0) throw emptyKey(attribute);
                yield b.value().bytes();
            }
            case Value.N n -> n.text().getBytes(StandardCharsets.US_ASCII);
            default -> throw new IllegalStateException("checked above");
        };
    }

    static Object sort(KeyAttribute attribute, Value value) {
        return value instanceof Value.N n ? checkedNumber(attribute, n) : bytes(attribute, value);
    }

    private static BigDecimal checkedNumber(KeyAttribute attribute, Value.N n) {
        checkType(attribute, n);
        return n.value();
    }

    static void checkType(KeyAttribute attribute, Value value) {
        if (!attribute.type().equals(value.type())) {
            throw DynamoException.validation("One or more parameter values were invalid: Type mismatch for key "
                    + attribute.name() + " expected: " + attribute.type() + " actual: " + value.type());
        }
    }

    private static DynamoException emptyKey(KeyAttribute attribute) {
        String kind = attribute.type().equals("S") ? "string" : "binary";
        return DynamoException.validation("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
                + kind + " value. Key: " + attribute.name());
    }

    /** A stable hash: it is stored, so it must never change between versions of the engine. */
    static int hash(byte[] h) {
        CRC32 crc = new CRC32();
        crc.update(h);
        long v = crc.getValue();
        return (int) ((v ^ (v >>> 16)) & 0xFFFF);
    }

    /** The order PostgreSQL's primary key has: hh, then h, then r. Used to lock rows in one global order. */
    @Override
    public int compareTo(StoredKey o) {
        int c = Integer.compare(hh, o.hh);
        if (c != 0) return c;
        c = Arrays.compareUnsigned(h, o.h);
        if (c != 0) return c;
        return compareRange(r, o.r);
    }

    static int compareRange(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) return x.compareTo(y);
        return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
    }

    static final Comparator<StoredKey> ORDER = Comparator.naturalOrder();

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredKey k && hh == k.hh && Arrays.equals(h, k.h) && compareRange(r, k.r) == 0
                && r.getClass() == k.r.getClass();
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(h) + (r instanceof byte[] b ? Arrays.hashCode(b) : Numbers.normalise((BigDecimal) r).hashCode());
    }

    /** The key's attributes again, as a client sends them (a LastEvaluatedKey). */
    public Map<String, Value> attributes(TableDef table) {
        Map<String, Value> key = new LinkedHashMap<>(2);
        KeyAttribute hash = table.hash();
        key.put(hash.name(), switch (hash.type()) {
            case "S" -> new Value.S(new String(h, StandardCharsets.UTF_8));
            case "B" -> new Value.B(new Bytes(h));
            default -> Value.n(new String(h, StandardCharsets.US_ASCII));
        });
        if (table.hasRange()) key.put(table.range().name(), sortValue(table.range(), r));
        return key;
    }

    /** The sort key's value as Value again (for LastEvaluatedKey built from a row). */
    static Value sortValue(KeyAttribute attribute, Object r) {
        return switch (attribute.type()) {
            case "S" -> new Value.S(new String((byte[]) r, StandardCharsets.UTF_8));
            case "B" -> new Value.B(new Bytes((byte[]) r));
            default -> new Value.N((BigDecimal) r);
        };
    }
}
