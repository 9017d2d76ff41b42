package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.value.Bytes;
import dev.rushgate.dynamodb.value.Numbers;
import dev.rushgate.dynamodb.value.Value;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Short builders for values and items, so each test reads as the DynamoDB JSON it stands for. */
final class TestValues {
    private TestValues() {}

    static Value s(String s) { return Value.s(s); }

    static Value n(String n) { return Value.n(n); }

    static Value b(int... bytes) {
        byte[] array = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) array[i] = (byte) bytes[i];
        return new Value.B(new Bytes(array));
    }

    static Value l(Value... values) { return new Value.L(List.of(values)); }

    static Value ss(String... members) { return new Value.SS(new LinkedHashSet<>(Arrays.asList(members))); }

    static Value ns(String... members) {
        var set = new LinkedHashSet<java.math.BigDecimal>();
        for (String m : members) set.add(Numbers.parse(m));
        return new Value.NS(set);
    }

    static Value bs(Value.B... members) {
        var set = new LinkedHashSet<Bytes>();
        for (Value.B m : members) set.add(m.value());
        return new Value.BS(set);
    }

    /** Alternating keys and values. */
    static Map<String, Value> item(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Value>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], (Value) keysAndValues[i + 1]);
        return map;
    }

    static Value m(Object... keysAndValues) { return new Value.M(item(keysAndValues)); }

    static ExpressionContext ctx(Map<String, String> names, Object... valuePairs) {
        return new ExpressionContext(names, item(valuePairs));
    }

    static ExpressionContext values(Object... valuePairs) {
        return new ExpressionContext(Map.of(), item(valuePairs));
    }

    static void assertValidation(Runnable action, String message) {
        assertThatThrownBy(action::run)
                .isInstanceOf(DynamoException.class)
                .hasMessage(message)
                .extracting(e -> ((DynamoException) e).type()).isEqualTo("ValidationException");
    }

    static void assertValidationContaining(Runnable action, String fragment) {
        assertThatThrownBy(action::run)
                .isInstanceOf(DynamoException.class)
                .hasMessageContaining(fragment)
                .extracting(e -> ((DynamoException) e).type()).isEqualTo("ValidationException");
    }
}
