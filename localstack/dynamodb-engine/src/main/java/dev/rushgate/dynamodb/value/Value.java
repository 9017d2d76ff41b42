package dev.rushgate.dynamodb.value;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One DynamoDB attribute value, immutable. Numbers are held normalised ({@link Numbers#normalise}), so two numbers
 * that DynamoDB treats as equal are {@code equals} here too ({@code 1.10} and {@code 1.1}); sets keep their
 * members' first-seen order and never hold duplicates. Construction does not validate DynamoDB's rules (empty sets,
 * 38 digits): {@link ValueJson} does that where values enter the engine.
 */
public sealed interface Value {

    /** DynamoDB's type descriptor: S, N, B, BOOL, NULL, L, M, SS, NS or BS. */
    String type();

    record S(String value) implements Value {
        public S { Objects.requireNonNull(value); }
        @Override public String type() { return "S"; }
    }

    record N(BigDecimal value) implements Value {
        public N { value = Numbers.normalise(Objects.requireNonNull(value)); }
        /** The text DynamoDB answers for this number. */
        public String text() { return value.toPlainString(); } // canonical already
        @Override public String type() { return "N"; }
        @Override public String toString() { return "N[" + text() + "]"; }
    }

    record B(Bytes value) implements Value {
        public B { Objects.requireNonNull(value); }
        @Override public String type() { return "B"; }
    }

    record Bool(boolean value) implements Value {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);
        @Override public String type() { return "BOOL"; }
    }

    record Null() implements Value {
        public static final Null NULL = new Null();
        @Override public String type() { return "NULL"; }
    }

    record L(List<Value> value) implements Value {
        public L { value = List.copyOf(value); }
        @Override public String type() { return "L"; }
    }

    /** A map; its entries keep insertion order so answers are stable, but equality ignores order. */
    record M(Map<String, Value> value) implements Value {
        public M { value = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(value)); }
        @Override public String type() { return "M"; }
    }

    record SS(Set<String> value) implements Value {
        public SS { value = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(value)); }
        @Override public String type() { return "SS"; }
    }

    record NS(Set<BigDecimal> value) implements Value {
        public NS {
            var normalised = new java.util.LinkedHashSet<BigDecimal>();
            for (BigDecimal n : value) normalised.add(Numbers.normalise(n));
            value = java.util.Collections.unmodifiableSet(normalised);
        }
        @Override public String type() { return "NS"; }
    }

    record BS(Set<Bytes> value) implements Value {
        public BS { value = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(value)); }
        @Override public String type() { return "BS"; }
    }

    static S s(String s) { return new S(s); }

    static N n(String text) { return new N(Numbers.parse(text)); }

    static N n(long n) { return new N(BigDecimal.valueOf(n)); }
}
