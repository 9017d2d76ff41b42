package dev.rushgate.dynamodb.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.dynamodb.value.Value;
import dev.rushgate.dynamodb.value.ValueJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Items as PostgreSQL keeps them: DynamoDB's own JSON form, UTF-8, so a stored item reads back as it was written. */
public final class Items {
    private static final ObjectMapper JSON = dev.rushgate.dynamodb.value.Json.MAPPER;
    private static final JsonFactory FACTORY = JSON.getFactory();

    private Items() {}

    public static byte[] toBytes(Map<String, Value> item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            ValueJson.writeItem(g, item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Map<String, Value> fromBytes(byte[] bytes) {
        if (bytes == null) return Map.of();
        try {
            return ValueJson.readItem(JSON.readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("a stored item is not JSON", e);
        }
    }
}
