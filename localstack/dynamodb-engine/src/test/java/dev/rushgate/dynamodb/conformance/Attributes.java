package dev.rushgate.dynamodb.conformance;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short constructors for attribute values and items, so tests read like the JSON they send. */
final class Attributes {
    private Attributes() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue b(byte... value) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static AttributeValue nul() {
        return AttributeValue.fromNul(true);
    }

    static AttributeValue ss(String... values) {
        return AttributeValue.fromSs(List.of(values));
    }

    static AttributeValue ns(String... values) {
        return AttributeValue.fromNs(List.of(values));
    }

    static AttributeValue bs(byte[]... values) {
        return AttributeValue.fromBs(Arrays.stream(values).map(SdkBytes::fromByteArray).toList());
    }

    static AttributeValue l(AttributeValue... values) {
        return AttributeValue.fromL(List.of(values));
    }

    static AttributeValue m(Object... namesAndValues) {
        return AttributeValue.fromM(item(namesAndValues));
    }

    /** An item or key from alternating names and values: {@code item("pk", s("a"), "n", n(1))}. */
    static Map<String, AttributeValue> item(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return item;
    }

    /** Adds entries to an item without mutating it. */
    static Map<String, AttributeValue> with(Map<String, AttributeValue> item, Object... namesAndValues) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.putAll(item(namesAndValues));
        return copy;
    }
}
