package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.value.Value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes into items by document path. Values are immutable, so a nested write rebuilds the containers above it. */
final class Documents {
    private Documents() {}

    /** Sets {@code path} to {@code value}; the parent must exist. An index past a list's end appends. */
    static void set(Map<String, Value> item, Path path, Value value) {
        List<Path.Element> elements = path.elements();
        if (elements.size() == 1) {
            item.put(path.attribute(), value);
            return;
        }
        Value top = item.get(path.attribute());
        if (top == null) throw invalidPath();
        item.put(path.attribute(), setIn(top, elements, 1, value));
    }

    private static Value setIn(Value container, List<Path.Element> elements, int i, Value value) {
        boolean last = i == elements.size() - 1;
        return switch (elements.get(i)) {
            case Path.Key key -> {
                if (!(container instanceof Value.M map)) throw invalidPath();
                var copy = new LinkedHashMap<>(map.value());
                if (last) {
                    copy.put(key.name(), value);
                } else {
                    Value child = copy.get(key.name());
                    if (child == null) throw invalidPath();
                    copy.put(key.name(), setIn(child, elements, i + 1, value));
                }
                yield new Value.M(copy);
            }
            case Path.Index index -> {
                if (!(container instanceof Value.L list)) throw invalidPath();
                var copy = new ArrayList<>(list.value());
                int at = index.index();
                if (last) {
                    if (at >= copy.size()) copy.add(value);
                    else copy.set(at, value);
                } else {
                    if (at >= copy.size()) throw invalidPath();
                    copy.set(at, setIn(copy.get(at), elements, i + 1, value));
                }
                yield new Value.L(copy);
            }
        };
    }

    /** Removes {@code path}; a missing path is no change, a list element's removal shifts the ones after it. */
    static void remove(Map<String, Value> item, Path path) {
        List<Path.Element> elements = path.elements();
        if (elements.size() == 1) {
            item.remove(path.attribute());
            return;
        }
        Value top = item.get(path.attribute());
        if (top == null) return;
        Value updated = removeIn(top, elements, 1);
        if (updated != top) item.put(path.attribute(), updated);
    }

    private static Value removeIn(Value container, List<Path.Element> elements, int i) {
        boolean last = i == elements.size() - 1;
        return switch (elements.get(i)) {
            case Path.Key key -> {
                if (!(container instanceof Value.M map)) throw invalidPath();
                Value child = map.value().get(key.name());
                if (child == null) yield container;
                Value replacement = last ? null : removeIn(child, elements, i + 1);
                if (replacement == child) yield container;
                var copy = new LinkedHashMap<>(map.value());
                if (replacement == null) copy.remove(key.name());
                else copy.put(key.name(), replacement);
                yield new Value.M(copy);
            }
            case Path.Index index -> {
                if (!(container instanceof Value.L list)) throw invalidPath();
                int at = index.index();
                if (at >= list.value().size()) yield container;
                Value child = list.value().get(at);
                Value replacement = last ? null : removeIn(child, elements, i + 1);
                if (replacement == child) yield container;
                var copy = new ArrayList<>(list.value());
                if (replacement == null) copy.remove(at);
                else copy.set(at, replacement);
                yield new Value.L(copy);
            }
        };
    }

    static DynamoException invalidPath() {
        return DynamoException.validation("The document path provided in the update expression is invalid for update");
    }
}
