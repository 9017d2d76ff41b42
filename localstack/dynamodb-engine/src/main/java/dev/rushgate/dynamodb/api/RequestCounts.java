package dev.rushgate.dynamodb.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests the engine answered, by operation and table ({@code "PutItem claims"}): what DynamoDB would bill, for the
 * planner's model to be checked against. A request that touches several tables (a batch, a transaction) counts once
 * for each; one that names none (ListTables) counts under its operation alone. Failed requests count too, as DynamoDB
 * bills a failed conditional write. Cheap enough to be always on: a map lookup and an add per request.
 */
public final class RequestCounts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String operation, JsonNode request) {
        Set<String> tables = tables(request);
        if (tables.isEmpty()) add(operation);
        for (String table : tables) add(operation + " " + table);
    }

    private void add(String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Set<String> tables(JsonNode request) {
        Set<String> tables = new LinkedHashSet<>();
        if (request == null) return tables;
        JsonNode table = request.get("TableName");
        if (table != null && table.isTextual()) tables.add(table.asText());
        JsonNode items = request.get("RequestItems");
        if (items != null && items.isObject()) items.fieldNames().forEachRemaining(tables::add);
        JsonNode transact = request.get("TransactItems");
        if (transact != null && transact.isArray()) {
            for (JsonNode action : transact) {
                action.elements().forEachRemaining(a -> {
                    JsonNode name = a.get("TableName");
                    if (name != null && name.isTextual()) tables.add(name.asText());
                });
            }
        }
        return tables;
    }

    /** The counts so far, by {@code "Operation table"}. */
    public Map<String, Long> snapshot() {
        Map<String, Long> now = new TreeMap<>();
        counts.forEach((key, count) -> now.put(key, count.sum()));
        return now;
    }
}
