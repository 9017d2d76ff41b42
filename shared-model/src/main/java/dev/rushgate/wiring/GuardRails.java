package dev.rushgate.wiring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The limits that keep a rush from overrunning what is behind the API, declared once for the CDK app (API Gateway
 * stage and route throttling, reserved concurrency, the SQS event sources' maximum concurrency) and for the local
 * stack, which answers a throttled request as the contract says: problem+json 429 {@code throttled} with Retry-After.
 *
 * <p>Each is overridable by CDK context (and the same keys as {@code --limit KEY=VALUE} locally):
 * {@code throttle} (every route's default, {@code RATE/BURST}), {@code throttle.<function-id>} (one route),
 * {@code reservedConcurrency.<function-id>} and {@code maxConcurrency.<function-id>}.
 *
 * @param routeDefault        every route's rate (requests/s, token refill) and burst (bucket size) unless named
 * @param routes              per-route limits, by the route's function id
 * @param reservedConcurrency environments reserved (and capped) per function id
 * @param maxConcurrency      MaximumConcurrency of the SQS event source that triggers the function, by function id
 */
public record GuardRails(Throttle routeDefault, Map<String, Throttle> routes, Map<String, Integer> reservedConcurrency,
                         Map<String, Integer> maxConcurrency) {

    /** A token bucket: {@code ratePerSecond} tokens a second, at most {@code burst} at once. */
    public record Throttle(int ratePerSecond, int burst) {
        public Throttle {
            if (ratePerSecond < 1) throw new IllegalArgumentException("throttle rate must be at least 1/s");
            if (burst < 1) throw new IllegalArgumentException("throttle burst must be at least 1");
        }

        /** {@code RATE/BURST}, e.g. {@code 5000/2500}. */
        public static Throttle parse(String text) {
            String[] parts = text.strip().split("/");
            if (parts.length != 2) throw new IllegalArgumentException("a throttle is RATE/BURST, e.g. 5000/2500: " + text);
            return new Throttle(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        }

        @Override
        public String toString() {
            return ratePerSecond + "/" + burst;
        }
    }

    public GuardRails {
        Objects.requireNonNull(routeDefault, "routeDefault");
        routes = Map.copyOf(routes);
        reservedConcurrency = Map.copyOf(reservedConcurrency);
        maxConcurrency = Map.copyOf(maxConcurrency);
        reservedConcurrency.forEach((id, n) -> {
            if (n < 1) throw new IllegalArgumentException("reservedConcurrency." + id + " must be at least 1");
        });
        maxConcurrency.forEach((id, n) -> {
            // Lambda's bounds for an SQS event source's MaximumConcurrency
            if (n < 2 || n > 1000) throw new IllegalArgumentException("maxConcurrency." + id + " must be 2..1000");
        });
    }

    /** No route, reservation or maximum of its own: every route at API Gateway's default account quota. */
    public static GuardRails accountDefaults() {
        return new GuardRails(new Throttle(10_000, 5_000), Map.of(), Map.of(), Map.of());
    }

    /** These limits without the entries of functions {@code declaration} does not have (a feature not selected). */
    public GuardRails only(Declaration declaration) {
        java.util.function.Predicate<String> has = id -> declaration.function(id).isPresent();
        return new GuardRails(routeDefault, filter(routes, has), filter(reservedConcurrency, has),
                filter(maxConcurrency, has));
    }

    private static <V> Map<String, V> filter(Map<String, V> byId, java.util.function.Predicate<String> keep) {
        Map<String, V> out = new LinkedHashMap<>();
        byId.forEach((id, v) -> {
            if (keep.test(id)) out.put(id, v);
        });
        return out;
    }

    /** The limit of one route, by its function id. */
    public Throttle route(String functionId) {
        return routes.getOrDefault(functionId, routeDefault);
    }

    /**
     * These limits with overrides from {@code context} (CDK context or local options); keys it does not name stay.
     * Unknown function ids are refused, so a typo does not silently leave a route unthrottled.
     */
    public GuardRails with(Function<String, String> context, Declaration declaration) {
        GuardRails base = only(declaration);
        Map<String, Throttle> routes = base.routes;
        Map<String, Integer> reservedConcurrency = base.reservedConcurrency;
        Map<String, Integer> maxConcurrency = base.maxConcurrency;
        Throttle def = context.apply("throttle") == null ? routeDefault : Throttle.parse(context.apply("throttle"));
        Map<String, Throttle> r = new LinkedHashMap<>(routes);
        Map<String, Integer> reserved = new LinkedHashMap<>(reservedConcurrency);
        Map<String, Integer> max = new LinkedHashMap<>(maxConcurrency);
        for (FunctionSpec f : declaration.functions()) {
            String t = context.apply("throttle." + f.id());
            if (t != null) r.put(f.id(), Throttle.parse(t));
            String c = context.apply("reservedConcurrency." + f.id());
            if (c != null) reserved.put(f.id(), Integer.parseInt(c.strip()));
            String m = context.apply("maxConcurrency." + f.id());
            if (m != null) max.put(f.id(), Integer.parseInt(m.strip()));
        }
        return new GuardRails(def, r, reserved, max).checkedAgainst(declaration);
    }

    /** The context keys that set a guard rail, each followed by a function id. */
    public static final java.util.List<String> KEY_PREFIXES =
            java.util.List.of("throttle.", "reservedConcurrency.", "maxConcurrency.");

    /**
     * Refuses guard-rail keys ({@code throttle.<id>} and the others) whose function {@code declaration} does not
     * have at all, so a typo in CDK context does not silently leave a route unthrottled.
     */
    public static void refuseUnknownKeys(java.util.Collection<String> keys, Declaration declaration) {
        for (String key : keys) {
            for (String prefix : KEY_PREFIXES) {
                if (key.startsWith(prefix) && declaration.function(key.substring(prefix.length())).isEmpty()) {
                    throw new IllegalArgumentException(key + " names no declared function");
                }
            }
        }
    }

    /** Refuses limits on functions the declaration does not have, or of the wrong kind. */
    public GuardRails checkedAgainst(Declaration declaration) {
        routes.keySet().forEach(id -> require(declaration, id, Trigger.Http.class, "throttle"));
        reservedConcurrency.keySet().forEach(id -> require(declaration, id, Trigger.class, "reservedConcurrency"));
        maxConcurrency.keySet().forEach(id -> require(declaration, id, Trigger.Sqs.class, "maxConcurrency"));
        return this;
    }

    private static void require(Declaration declaration, String id, Class<? extends Trigger> kind, String what) {
        FunctionSpec f = declaration.function(id)
                .orElseThrow(() -> new IllegalArgumentException(what + "." + id + ": no such function"));
        if (!kind.isInstance(f.trigger())) {
            throw new IllegalArgumentException(what + "." + id + ": " + id + " is not triggered by " + kind.getSimpleName());
        }
    }
}
