package dev.rushgate.dynamodb.value;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.dynamodb.DynamoException;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's JSON form of attribute values ({@code {"S":"x"}}, {@code {"N":"1.5"}}, {@code {"B":"<base64>"}}, …)
 * to and from {@link Value}, applying DynamoDB's rules to what a client sends: exactly one type per value, numbers
 * within 38 digits, sets neither empty nor with duplicates.
 */
public final class ValueJson {
    private ValueJson() {}

    /** An item or key: a JSON object of attribute name to value; null or missing reads as an empty map. */
    public static Map<String, Value> readItem(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return Map.of();
        if (!node.isObject()) throw DynamoException.validation("Item must be a map of attribute names to values");
        Map<String, Value> item = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            item.put(e.getKey(), read(e.getValue()));
        }
        return item;
    }

    public static Value read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw DynamoException.validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (node.size() != 1) {
            throw DynamoException.validation(node.isEmpty()
                    ? "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
                    : "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        var e = node.fields().next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "S" -> new Value.S(text(v));
            case "N" -> new Value.N(Numbers.parse(text(v)));
            case "B" -> new Value.B(bytes(v));
            case "BOOL" -> {
                if (!v.isBoolean()) throw invalid();
                yield v.booleanValue() ? Value.Bool.TRUE : Value.Bool.FALSE;
            }
            case "NULL" -> {
                if (!v.isBoolean() || !v.booleanValue()) {
                    throw DynamoException.validation("One or more parameter values were invalid: Null attribute value types must have the value of true");
                }
                yield Value.Null.NULL;
            }
            case "L" -> {
                if (!v.isArray()) throw invalid();
                List<Value> list = new ArrayList<>(v.size());
                for (JsonNode element : v) list.add(read(element));
                yield new Value.L(list);
            }
            case "M" -> {
                if (!v.isObject()) throw invalid();
                yield new Value.M(readItem(v));
            }
            case "SS" -> {
                List<String> members = new ArrayList<>();
                for (JsonNode m : array(v, "string")) members.add(text(m));
                yield new Value.SS(unique(members, members));
            }
            case "NS" -> {
                List<String> texts = new ArrayList<>();
                List<BigDecimal> members = new ArrayList<>();
                for (JsonNode m : array(v, "number")) {
                    texts.add(text(m));
                    members.add(Numbers.parse(text(m)));
                }
                yield new Value.NS(unique(members, texts));
            }
            case "BS" -> {
                List<Bytes> members = new ArrayList<>();
                List<String> texts = new ArrayList<>();
                for (JsonNode m : array(v, "binary")) {
                    members.add(bytes(m));
                    texts.add(m.asText());
                }
                yield new Value.BS(unique(members, texts));
            }
            default -> throw DynamoException.validation("Supplied AttributeValue has an unknown datatype: " + e.getKey());
        };
    }

    private static JsonNode array(JsonNode v, String kind) {
        if (!v.isArray()) throw invalid();
        if (v.isEmpty()) {
            throw DynamoException.validation("One or more parameter values were invalid: An " + kind + " set  may not be empty");
        }
        return v;
    }

    private static <T> Set<T> unique(List<T> members, List<String> texts) {
        Set<T> set = new LinkedHashSet<>(members);
        if (set.size() != members.size()) {
            throw DynamoException.validation("One or more parameter values were invalid: Input collection "
                    + texts + " contains duplicates.");
        }
        return set;
    }

    private static String text(JsonNode v) {
        if (!v.isTextual()) throw invalid();
        return v.textValue();
    }

    private static Bytes bytes(JsonNode v) {
        try {
            return Bytes.ofBase64(text(v));
        } catch (IllegalArgumentException e) {
            throw DynamoException.validation("Invalid Base64 in a binary attribute value");
        }
    }

    private static DynamoException invalid() {
        return DynamoException.validation("Supplied AttributeValue has a value of the wrong JSON type for its datatype");
    }

    /** Writes {@code item} as a JSON object of attribute values. */
    public static void writeItem(JsonGenerator out, Map<String, Value> item) throws IOException {
        out.writeStartObject();
        for (var e : item.entrySet()) {
            out.writeFieldName(e.getKey());
            write(out, e.getValue());
        }
        out.writeEndObject();
    }

    public static void write(JsonGenerator out, Value value) throws IOException {
        out.writeStartObject();
        out.writeFieldName(value.type());
        switch (value) {
            case Value.S s -> out.writeString(s.value());
            case Value.N n -> out.writeString(n.text());
            case Value.B b -> out.writeString(b.value().base64());
            case Value.Bool b -> out.writeBoolean(b.value());
            case Value.Null ignored -> out.writeBoolean(true);
            case Value.L l -> {
                out.writeStartArray();
                for (Value v : l.value()) write(out, v);
                out.writeEndArray();
            }
            case Value.M m -> writeItem(out, m.value());
            case Value.SS ss -> {
                out.writeStartArray();
                for (String s : ss.value()) out.writeString(s);
                out.writeEndArray();
            }
            case Value.NS ns -> {
                out.writeStartArray();
                for (BigDecimal n : ns.value()) out.writeString(Numbers.format(n));
                out.writeEndArray();
            }
            case Value.BS bs -> {
                out.writeStartArray();
                for (Bytes b : bs.value()) out.writeString(b.base64());
                out.writeEndArray();
            }
        }
        out.writeEndObject();
    }
}
