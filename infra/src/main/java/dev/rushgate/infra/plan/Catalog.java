package dev.rushgate.infra.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The AWS quotas, list prices and planning assumptions of {@code plan/aws.json}, each with its source page and the day
 * it was read. An account's own quota values ({@code --quotas FILE}) replace the defaults by id.
 */
public record Catalog(String region, Map<String, Quota> quotas, Map<String, Price> prices,
                      Map<String, Assumption> assumptions, Map<String, ResourceType> resourceTypes) {

    /**
     * A quota as Service Quotas names it; {@code code} is its quota code where it has one. {@code raise} says how to
     * raise it when that is not a Service Quotas request (a setting of the stack, or what to do about a hard limit);
     * null for an ordinary adjustable quota.
     */
    public record Quota(String id, String service, String name, String code, double value, String unit,
                        boolean adjustable, String scope, String raise, String source, String checked,
                        boolean verified) {
        Quota withValue(double newValue) {
            return new Quota(id, service, name, code, newValue, unit, adjustable, scope, raise, source, checked,
                    verified);
        }
    }

    /** {@code usd} for every {@code per} {@code unit}. */
    public record Price(String id, double usd, double per, String unit, String what, String source, String checked,
                       boolean verified) {
        /** Dollars for {@code amount} units. */
        public double of(double amount) {
            return usd * amount / per;
        }
    }

    public record Assumption(String id, double value, String unit, String why) {}

    /** What bounds a CloudFormation resource type, what bills it, and the {@link IdleCost} rule of its idle month. */
    public record ResourceType(String type, List<String> limits, List<String> prices, String idle) {}

    public Catalog {
        quotas = Map.copyOf(quotas);
        prices = Map.copyOf(prices);
        assumptions = Map.copyOf(assumptions);
        resourceTypes = Map.copyOf(resourceTypes);
    }

    /** The catalog the planner ships with. */
    public static Catalog standard() {
        return parse(PlanFiles.read("aws.json"));
    }

    static Catalog parse(JsonNode root) {
        Map<String, Quota> quotas = new LinkedHashMap<>();
        root.path("quotas").properties().forEach(e -> {
            JsonNode q = e.getValue();
            quotas.put(e.getKey(), new Quota(e.getKey(), q.path("service").asText(), q.path("name").asText(),
                    q.hasNonNull("code") ? q.get("code").asText() : null, required(q, "value", e.getKey()),
                    q.path("unit").asText(), q.path("adjustable").asBoolean(), q.path("scope").asText(),
                    q.hasNonNull("raise") ? q.get("raise").asText() : null, q.path("source").asText(),
                    q.path("checked").asText(), q.path("verified").asBoolean()));
        });
        Map<String, Price> prices = new LinkedHashMap<>();
        root.path("prices").properties().forEach(e -> {
            JsonNode p = e.getValue();
            prices.put(e.getKey(), new Price(e.getKey(), required(p, "usd", e.getKey()), required(p, "per", e.getKey()),
                    p.path("unit").asText(), p.path("what").asText(), p.path("source").asText(),
                    p.path("checked").asText(), p.path("verified").asBoolean()));
        });
        Map<String, Assumption> assumptions = new LinkedHashMap<>();
        root.path("assumptions").properties().forEach(e -> assumptions.put(e.getKey(), new Assumption(e.getKey(),
                required(e.getValue(), "value", e.getKey()), e.getValue().path("unit").asText(),
                e.getValue().path("why").asText())));
        Map<String, ResourceType> types = new LinkedHashMap<>();
        root.path("resourceTypes").properties().forEach(e -> types.put(e.getKey(), new ResourceType(e.getKey(),
                texts(e.getValue().path("limits")), texts(e.getValue().path("prices")),
                e.getValue().path("idle").asText("none"))));
        return new Catalog(root.path("region").asText(), quotas, prices, assumptions, types);
    }

    private static double required(JsonNode node, String field, String id) {
        if (!node.path(field).isNumber()) throw new IllegalArgumentException(id + " has no number " + field);
        return node.get(field).asDouble();
    }

    private static List<String> texts(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }

    public Quota quota(String id) {
        Quota quota = quotas.get(id);
        if (quota == null) throw new IllegalArgumentException("no quota " + id + " in plan/aws.json");
        return quota;
    }

    public Price price(String id) {
        Price price = prices.get(id);
        if (price == null) throw new IllegalArgumentException("no price " + id + " in plan/aws.json");
        return price;
    }

    public double assume(String id) {
        Assumption assumption = assumptions.get(id);
        if (assumption == null) throw new IllegalArgumentException("no assumption " + id + " in plan/aws.json");
        return assumption.value();
    }

    /**
     * This catalog with an account's own quota values, {@code {"lambda.concurrent-executions": 5000, …}} by quota id
     * or by quota code ({@code "L-B99A9384": 5000}).
     */
    public Catalog withQuotas(Map<String, Double> values) {
        Map<String, Quota> changed = new LinkedHashMap<>(quotas);
        values.forEach((key, value) -> {
            Quota quota = quotas.containsKey(key) ? quotas.get(key) : quotas.values().stream()
                    .filter(q -> key.equals(q.code())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no quota with id or code " + key));
            if (value == null || value <= 0) throw new IllegalArgumentException("quota " + key + " must be above 0");
            changed.put(quota.id(), quota.withValue(value));
        });
        return new Catalog(region, changed, prices, assumptions, resourceTypes);
    }
}
