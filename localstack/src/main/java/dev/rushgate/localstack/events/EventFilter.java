package dev.rushgate.localstack.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lambda's event filtering, for the subset the wiring uses: a record passes when any pattern matches it, or when
 * there is no pattern. A pattern is a JSON object whose fields mirror the record's; each leaf is an array of
 * matchers, one of which must match the record's value (or one of its values, when that is an array): a string,
 * number, boolean or null for equality (numbers compared by value), {@code {"prefix":"..."}},
 * {@code {"anything-but": value or [values]}}, {@code {"exists": true|false}} and
 * {@code {"numeric": [">", 0, "<=", 5]}}. As in Lambda, {@code numeric} only matches JSON numbers: DynamoDB's
 * {@code N} values are strings in the record, so match them exactly or by prefix.
 */
public final class EventFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> patterns;

    /** @throws IllegalArgumentException for a pattern that is not a JSON object or uses an unknown matcher */
    public EventFilter(List<String> patterns) {
        this.patterns = patterns.stream().map(EventFilter::parse).toList();
    }

    /** True when {@code record} (the record's JSON as Lambda sees it) passes. */
    public boolean passes(JsonNode record) {
        if (patterns.isEmpty()) return true;
        for (JsonNode pattern : patterns) {
            if (matchesObject(pattern, record)) return true;
        }
        return false;
    }

    private static JsonNode parse(String pattern) {
        try {
            JsonNode node = JSON.readTree(pattern);
            if (node == null || !node.isObject()) throw new IllegalArgumentException("a filter is a JSON object: " + pattern);
            check(node);
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a filter is a JSON object: " + pattern, e);
        }
    }

    private static void check(JsonNode pattern) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            JsonNode value = it.next().getValue();
            if (value.isObject()) {
                check(value);
            } else if (value.isArray()) {
                for (JsonNode m : value) {
                    if (m.isObject() && (m.size() != 1 || !List.of("prefix", "anything-but", "exists", "numeric")
                            .contains(m.fieldNames().next()))) {
                        throw new IllegalArgumentException("unsupported filter matcher: " + m);
                    }
                }
            } else {
                throw new IllegalArgumentException("filter leaves are arrays of matchers: " + value);
            }
        }
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode event) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = event != null && event.isObject() ? event.get(field.getKey()) : null;
            JsonNode expected = field.getValue();
            boolean ok = expected.isObject() ? value != null && value.isObject() && matchesObject(expected, value)
                    : matchesLeaf(expected, value);
            if (!ok) return false;
        }
        return true;
    }

    private static boolean matchesLeaf(JsonNode matchers, JsonNode value) {
        for (JsonNode matcher : matchers) {
            if (value == null || value.isMissingNode()) {
                if (matcher.isObject() && matcher.has("exists") && !matcher.get("exists").asBoolean()) return true;
                continue;
            }
            if (value.isArray()) {
                for (JsonNode v : value) {
                    if (matches(matcher, v)) return true;
                }
            } else if (matches(matcher, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonNode matcher, JsonNode value) {
        if (!matcher.isObject()) return equal(matcher, value);
        String kind = matcher.fieldNames().next();
        JsonNode arg = matcher.get(kind);
        return switch (kind) {
            case "prefix" -> value.isTextual() && value.asText().startsWith(arg.asText());
            case "exists" -> arg.asBoolean();
            case "anything-but" -> {
                if (arg.isArray()) {
                    for (JsonNode a : arg) {
                        if (equal(a, value)) yield false;
                    }
                    yield true;
                }
                if (arg.isObject() && arg.has("prefix")) {
                    yield !(value.isTextual() && value.asText().startsWith(arg.get("prefix").asText()));
                }
                yield !equal(arg, value);
            }
            case "numeric" -> value.isNumber() && numeric(arg, value.asDouble());
            default -> false;
        };
    }

    private static boolean numeric(JsonNode conditions, double value) {
        for (int i = 0; i + 1 < conditions.size(); i += 2) {
            String op = conditions.get(i).asText();
            double bound = conditions.get(i + 1).asDouble();
            boolean ok = switch (op) {
                case "=" -> value == bound;
                case "<" -> value < bound;
                case "<=" -> value <= bound;
                case ">" -> value > bound;
                case ">=" -> value >= bound;
                default -> throw new IllegalArgumentException("unknown numeric operator " + op);
            };
            if (!ok) return false;
        }
        return true;
    }

    private static boolean equal(JsonNode expected, JsonNode value) {
        if (expected.isNumber() && value.isNumber()) return expected.decimalValue().compareTo(value.decimalValue()) == 0;
        return expected.equals(value);
    }
}
