package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.value.Value;

import java.util.List;
import java.util.Map;

/**
 * A document path, as {@code a.b[2].c} names it after placeholders are resolved: a top-level attribute name
 * followed by map keys and list indexes. Never empty, and it always starts with a {@link Key}.
 */
public record Path(List<Element> elements) {

    /** One step of a path. */
    public sealed interface Element permits Key, Index {}

    /** A map key (or, first in a path, a top-level attribute name). */
    public record Key(String name) implements Element {}

    /** A list index, zero-based and never negative. */
    public record Index(int index) implements Element {}

    public Path {
        elements = List.copyOf(elements);
        if (elements.isEmpty() || !(elements.getFirst() instanceof Key)) {
            throw new IllegalArgumentException("a path starts with an attribute name: " + elements);
        }
    }

    public static Path of(String attribute) {
        return new Path(List.of(new Key(attribute)));
    }

    /** The top-level attribute this path starts from. */
    public String attribute() {
        return ((Key) elements.getFirst()).name();
    }

    public int size() {
        return elements.size();
    }

    /** The value this path names in {@code item}, or null when any step of it is missing or of the wrong type. */
    public Value get(Map<String, Value> item) {
        Value current = item.get(attribute());
        for (int i = 1; i < elements.size() && current != null; i++) {
            current = switch (elements.get(i)) {
                case Key key -> current instanceof Value.M map ? map.value().get(key.name()) : null;
                case Index index -> current instanceof Value.L list && index.index() < list.value().size()
                        ? list.value().get(index.index()) : null;
            };
        }
        return current;
    }

    /** DynamoDB's rendering in error messages: {@code [a, b, [2]]}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) text.append(", ");
            switch (elements.get(i)) {
                case Key key -> text.append(key.name());
                case Index index -> text.append('[').append(index.index()).append(']');
            }
        }
        return text.append(']').toString();
    }
}
