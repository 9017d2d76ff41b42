package dev.rushgate.dynamodb.value;

import dev.rushgate.dynamodb.DynamoException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** DynamoDB's item size: attribute names plus values, in UTF-8 bytes, as its documentation counts them. */
public final class ItemSize {
    /** 400 KB, DynamoDB's limit for one item. */
    public static final int MAX = 400 * 1024;

    private ItemSize() {}

    public static int of(Map<String, Value> item) {
        int size = 0;
        for (var e : item.entrySet()) size += utf8(e.getKey()) + of(e.getValue());
        return size;
    }

    public static int of(Value value) {
        return switch (value) {
            case Value.S s -> utf8(s.value());
            case Value.N n -> Numbers.canonicalSize(n.value());
            case Value.B b -> b.value().length();
            case Value.Bool ignored -> 1;
            case Value.Null ignored -> 1;
            case Value.L l -> {
                int size = 3;
                for (Value v : l.value()) size += 1 + of(v);
                yield size;
            }
            case Value.M m -> {
                int size = 3;
                for (var e : m.value().entrySet()) size += 1 + utf8(e.getKey()) + of(e.getValue());
                yield size;
            }
            case Value.SS ss -> ss.value().stream().mapToInt(ItemSize::utf8).sum();
            case Value.NS ns -> ns.value().stream().mapToInt(Numbers::canonicalSize).sum();
            case Value.BS bs -> bs.value().stream().mapToInt(Bytes::length).sum();
        };
    }

    /** Throws DynamoDB's ValidationException when {@code item} is over 400 KB. */
    public static void check(Map<String, Value> item) {
        checked(item);
    }

    /** The item's size, after throwing DynamoDB's ValidationException when it is over 400 KB. */
    public static int checked(Map<String, Value> item) {
        int size = of(item);
        if (size > MAX) throw DynamoException.validation("Item size has exceeded the maximum allowed size");
        return size;
    }

    private static int utf8(String s) {
        // Fast path for ASCII, which is nearly every attribute name.
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) return s.getBytes(StandardCharsets.UTF_8).length;
        }
        return n;
    }
}
