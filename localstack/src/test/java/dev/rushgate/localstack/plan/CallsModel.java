package dev.rushgate.localstack.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The planner's model, {@code infra/src/main/resources/plan/calls.json}, read from the source tree (the local stack
 * does not depend on the CDK module): each unit's fields flattened to paths, {@code sqs.claims.requests}.
 */
record CallsModel(Map<String, Map<String, Double>> units) {

    static final Path FILE = Path.of("..", "infra", "src", "main", "resources", "plan", "calls.json");

    static CallsModel read() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Files.readString(FILE));
        Map<String, Map<String, Double>> units = new LinkedHashMap<>();
        root.get("units").fields().forEachRemaining(unit -> {
            Map<String, Double> fields = new TreeMap<>();
            flatten("", unit.getValue(), fields);
            units.put(unit.getKey(), fields);
        });
        return new CallsModel(units);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Double> into) {
        if (node.isNumber()) {
            into.put(prefix, node.asDouble());
            return;
        }
        node.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
                f.getValue(), into));
    }

    /** The batch a consumer's unit was measured with; 1 for a route's. */
    double batch(String name) {
        return units.get(name).getOrDefault("batch", 1.0);
    }

    /** A unit's fields, zero where the model says nothing; {@code batch} is how it was measured, not a cost. */
    Map<String, Double> unit(String name) {
        Map<String, Double> fields = units.get(name);
        if (fields == null) throw new IllegalArgumentException("calls.json has no unit " + name);
        Map<String, Double> costs = new TreeMap<>(fields);
        costs.remove("batch");
        return costs;
    }
}
