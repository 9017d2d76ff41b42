package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.value.Value;

/** Ordering, size and type names of values as DynamoDB's expressions see them. */
final class Values {
    /** Returned by {@link #compare} for values DynamoDB does not order against each other. */
    static final int INCOMPARABLE = Integer.MIN_VALUE;

    private Values() {}

    /**
     * Numbers by value, strings by their UTF-8 bytes, binaries by unsigned bytes; anything else, or two different
     * types, is {@link #INCOMPARABLE}.
     */
    static int compare(Value a, Value b) {
        if (a instanceof Value.N x && b instanceof Value.N y) return Integer.signum(x.value().compareTo(y.value()));
        if (a instanceof Value.S x && b instanceof Value.S y) return compareUtf8(x.value(), y.value());
        if (a instanceof Value.B x && b instanceof Value.B y) return Integer.signum(x.value().compareTo(y.value()));
        return INCOMPARABLE;
    }

    /**
     * UTF-8 byte order equals code point order, so comparing code points gives DynamoDB's order without encoding.
     * Java's {@code String.compareTo} compares UTF-16 units, which puts U+FFFF after every supplementary character.
     */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) return x < y ? -1 : 1;
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        boolean aDone = i >= a.length();
        boolean bDone = j >= b.length();
        return aDone == bDone ? 0 : aDone ? -1 : 1;
    }

    static int utf8Length(String s) {
        int length = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** {@code size()}: null for types it does not measure, which makes the comparison using it false. */
    static Value size(Value value) {
        int size = switch (value) {
            case Value.S s -> utf8Length(s.value());
            case Value.B b -> b.value().length();
            case Value.L l -> l.value().size();
            case Value.M m -> m.value().size();
            case Value.SS ss -> ss.value().size();
            case Value.NS ns -> ns.value().size();
            case Value.BS bs -> bs.value().size();
            case Value.N ignored -> -1;
            case Value.Bool ignored -> -1;
            case Value.Null ignored -> -1;
        };
        return size < 0 ? null : Value.n(size);
    }

    /** The type name DynamoDB uses in "operand type" messages of update actions. */
    static String longTypeName(Value value) {
        return switch (value) {
            case Value.S ignored -> "STRING";
            case Value.N ignored -> "NUMBER";
            case Value.B ignored -> "BINARY";
            case Value.Bool ignored -> "BOOLEAN";
            case Value.Null ignored -> "NULL";
            case Value.L ignored -> "LIST";
            case Value.M ignored -> "MAP";
            case Value.SS ignored -> "STRING_SET";
            case Value.NS ignored -> "NUMBER_SET";
            case Value.BS ignored -> "BINARY_SET";
        };
    }

    static boolean isSet(Value value) {
        return value instanceof Value.SS || value instanceof Value.NS || value instanceof Value.BS;
    }

    /** A short rendering for error messages, as DynamoDB shows literal operands: {@code {N:5}}. */
    static String describe(Value value) {
        String text = switch (value) {
            case Value.S s -> s.value();
            case Value.N n -> n.text();
            case Value.B b -> b.value().base64();
            case Value.Bool b -> Boolean.toString(b.value());
            case Value.Null ignored -> "true";
            default -> value.toString();
        };
        return "{" + value.type() + ":" + text + "}";
    }
}
