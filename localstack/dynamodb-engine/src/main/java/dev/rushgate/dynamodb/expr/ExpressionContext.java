package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.value.Value;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ExpressionAttributeNames ({@code #n -> name}) and ExpressionAttributeValues ({@code :v -> value}) of one
 * request. Every expression of the request is parsed against the same context, which records each placeholder it
 * resolves, so that {@link #checkAllUsed()} can reject the ones no expression used, as DynamoDB does. Not
 * thread-safe: one context belongs to one request.
 */
public final class ExpressionContext {
    private final Map<String, String> names;
    private final Map<String, Value> values;
    private final Set<String> usedNames = new HashSet<>();
    private final Set<String> usedValues = new HashSet<>();

    /** Either map may be empty (or null, when the request left the parameter out). */
    public ExpressionContext(Map<String, String> names, Map<String, Value> values) {
        this.names = names == null ? Map.of() : Map.copyOf(names);
        this.values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** An empty context, for requests that carry no placeholders. */
    public static ExpressionContext empty() {
        return new ExpressionContext(Map.of(), Map.of());
    }

    /**
     * Throws DynamoDB's ValidationException for any name or value that no expression parsed so far has used; call it
     * once, after every expression of the request has been parsed.
     */
    public void checkAllUsed() {
        Set<String> unusedValues = unused(values.keySet(), usedValues);
        if (!unusedValues.isEmpty()) {
            throw DynamoException.validation(
                    "Value provided in ExpressionAttributeValues unused in expressions: keys: {" + String.join(", ", unusedValues) + "}");
        }
        Set<String> unusedNames = unused(names.keySet(), usedNames);
        if (!unusedNames.isEmpty()) {
            throw DynamoException.validation(
                    "Value provided in ExpressionAttributeNames unused in expressions: keys: {" + String.join(", ", unusedNames) + "}");
        }
    }

    String name(String placeholder, ExpressionKind kind) {
        String name = names.get(placeholder);
        if (name == null) {
            throw kind.invalid("An expression attribute name used in the document path is not defined; attribute name: " + placeholder);
        }
        usedNames.add(placeholder);
        return name;
    }

    Value value(String placeholder, ExpressionKind kind) {
        Value value = values.get(placeholder);
        if (value == null) {
            throw kind.invalid("An expression attribute value used in expression is not defined; attribute value: " + placeholder);
        }
        usedValues.add(placeholder);
        return value;
    }

    // Sorted so the message does not depend on the caller's map implementation.
    private static Set<String> unused(Set<String> defined, Set<String> used) {
        if (used.size() >= defined.size() && used.containsAll(defined)) return Set.of(); // the usual case
        Set<String> unused = new TreeSet<>(defined);
        unused.removeAll(used);
        return unused;
    }
}
