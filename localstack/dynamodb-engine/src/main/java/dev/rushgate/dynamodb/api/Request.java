package dev.rushgate.dynamodb.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.expr.ExpressionContext;
import dev.rushgate.dynamodb.value.Value;
import dev.rushgate.dynamodb.value.ValueJson;

import java.util.LinkedHashMap;
import java.util.Map;

/** One request body (or one part of it, such as a transaction's action), read with DynamoDB's validation wording. */
record Request(JsonNode json) {

    Request part(String field) {
        return new Request(json.path(field));
    }

    boolean has(String field) {
        JsonNode n = json.get(field);
        return n != null && !n.isNull();
    }

    String string(String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw DynamoException.validation("1 validation error detected: Value at '" + field + "' failed to satisfy constraint: Member must be a string");
        return n.textValue();
    }

    String required(String field) {
        String s = string(field);
        if (s == null) {
            throw DynamoException.validation("1 validation error detected: Value null at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return s;
    }

    String tableName() {
        String name = required("TableName");
        checkTableName(name);
        return name;
    }

    static void checkTableName(String name) {
        if (name.length() < 3 || name.length() > 255 || !name.matches("[a-zA-Z0-9_.-]+")) {
            throw DynamoException.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and length between 3 and 255");
        }
    }

    String string(String field, String otherwise) {
        String s = string(field);
        return s == null ? otherwise : s;
    }

    boolean bool(String field) {
        return json.path(field).asBoolean(false);
    }

    Integer integer(String field) {
        JsonNode n = json.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.canConvertToInt()) throw DynamoException.validation("Value at '" + lowerFirst(field) + "' must be an integer");
        return n.intValue();
    }

    Map<String, Value> item(String field) {
        return ValueJson.readItem(json.get(field));
    }

    /** ExpressionAttributeNames and ExpressionAttributeValues of this request (or part). */
    ExpressionContext expressions() {
        Map<String, String> names = new LinkedHashMap<>();
        JsonNode n = json.get("ExpressionAttributeNames");
        if (n != null && !n.isNull()) {
            if (n.isEmpty()) throw DynamoException.validation("ExpressionAttributeNames must not be empty");
            n.fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode v = json.get("ExpressionAttributeValues");
        if (v != null && !v.isNull() && v.isEmpty()) throw DynamoException.validation("ExpressionAttributeValues must not be empty");
        return new ExpressionContext(names, ValueJson.readItem(v));
    }

    /** Refuses the legacy parameters this engine does not serve, rather than ignoring them silently. */
    void refuseLegacy(String... fields) {
        for (String f : fields) {
            if (has(f)) {
                throw DynamoException.validation("This engine does not support the legacy parameter " + f
                        + "; use the expression parameters instead");
            }
        }
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
