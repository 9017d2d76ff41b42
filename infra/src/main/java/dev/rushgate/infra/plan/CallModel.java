package dev.rushgate.infra.plan;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one unit of work costs each service, from {@code plan/calls.json}: a route's request by outcome
 * ({@code claim-drop/accepted}) or one message of a consumer ({@code store-claims/message}). The local stack counts
 * them from the real handlers ({@code CallsPerUnitE2E}), so this file follows the code.
 */
public record CallModel(Map<String, Unit> units) {

    /** DynamoDB calls on one table: API requests, and on-demand write and read request units. */
    public record Table(double requests, double writeUnits, double readUnits) {}

    /** SQS calls on one queue: billed requests, and messages sent. */
    public record Queue(double requests, double messages) {}

    /**
     * One unit's calls. {@code function} is the declared function the unit runs in; {@code batch} the batch a
     * consumer's per-message figures were measured with (1 for a route).
     */
    public record Unit(String name, String function, double batch, double lambda, double redisCalls,
                       double redisCommands, Map<String, Table> dynamodb, Map<String, Queue> sqs,
                       Map<String, Double> kafkaRecords, double auroraTransactions, double opensearch, double bedrock,
                       double upstream, double payments) {
        // in the file's order: the plan prints a row per table and queue in it, the same at every run
        public Unit {
            dynamodb = ordered(dynamodb);
            sqs = ordered(sqs);
            kafkaRecords = ordered(kafkaRecords);
        }
    }

    public CallModel {
        units = ordered(units);
    }

    /** An unmodifiable copy that keeps the order (Map.copyOf's order changes from one JVM to the next). */
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    public static CallModel standard() {
        return parse(PlanFiles.read("calls.json"));
    }

    static CallModel parse(JsonNode root) {
        Map<String, Unit> units = new LinkedHashMap<>();
        root.path("units").properties().forEach(e -> units.put(e.getKey(), unit(e.getKey(), e.getValue())));
        return new CallModel(units);
    }

    private static Unit unit(String name, JsonNode u) {
        Map<String, Table> tables = new LinkedHashMap<>();
        u.path("dynamodb").properties().forEach(t -> tables.put(t.getKey(), new Table(
                t.getValue().path("requests").asDouble(), t.getValue().path("writeUnits").asDouble(),
                t.getValue().path("readUnits").asDouble())));
        Map<String, Queue> queues = new LinkedHashMap<>();
        u.path("sqs").properties().forEach(q -> queues.put(q.getKey(), new Queue(
                q.getValue().path("requests").asDouble(), q.getValue().path("messages").asDouble())));
        Map<String, Double> topics = new LinkedHashMap<>();
        u.path("kafka").properties().forEach(k -> topics.put(k.getKey(), k.getValue().path("records").asDouble()));
        int slash = name.indexOf('/');
        return new Unit(name, slash < 0 ? name : name.substring(0, slash), u.path("batch").asDouble(1),
                u.path("lambda").asDouble(), u.path("redis").path("calls").asDouble(),
                u.path("redis").path("commands").asDouble(), tables, queues, topics,
                u.path("aurora").path("transactions").asDouble(), u.path("opensearch").asDouble(),
                u.path("bedrock").asDouble(), u.path("upstream").asDouble(), u.path("payments").asDouble());
    }

    public Unit unit(String name) {
        Unit unit = units.get(name);
        if (unit == null) throw new IllegalArgumentException("no unit " + name + " in plan/calls.json");
        return unit;
    }
}
