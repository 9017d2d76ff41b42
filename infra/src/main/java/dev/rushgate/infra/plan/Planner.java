package dev.rushgate.infra.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToDoubleFunction;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.Trigger;

/**
 * Turns a rush's {@link Demand} into one {@link Row} per component it touches: the load second by second, from the
 * calls each unit makes ({@link CallModel}) and the stack's wiring (which function is a route, what it needs, its
 * guard rails), against the limit that applies ({@link Catalog}).
 */
public final class Planner {

    /**
     * A limit. {@code quota} is the AWS quota it is, or null for Rushgate's own setting or another party's limit;
     * {@code raise} says how to raise it.
     */
    public record Limit(String name, double value, Catalog.Quota quota, String raise) {}

    /**
     * One component: its peak load (in {@code unit}) and the second it peaked, the limit, and the first second the
     * load is above the limit (null: never).
     */
    public record Row(String component, String unit, double peak, int peakAt, Limit limit, Integer runsOutAt,
                      String note) {
        /** Limit over peak: above 1 is room to spare. Infinite when nothing reaches the component. */
        public double headroom() {
            return peak <= 0 ? Double.POSITIVE_INFINITY : limit.value() / peak;
        }

        public boolean holds() {
            return runsOutAt == null;
        }
    }

    /** Tables whose partition key is the event, and how many partition keys one event spreads over. */
    private static final Map<String, Integer> KEYS_PER_EVENT = Map.of(
            Rushgate.CLAIMS_TABLE, 1,   // dropId
            Rushgate.VOTES_TABLE, 32);  // pollShard = pollId#0..31

    /** Environments from which a route's scaling is worth a row. */
    private static final double MANY_ENVIRONMENTS = 10;

    private final Catalog catalog;
    private final CallModel model;
    private final Declaration declaration;
    private final GuardRails guardRails;
    /** ECPU/s the cache keeps ready (context {@code cacheMinimumEcpu}), 0 when it scales from idle. */
    private final double cacheMinimumEcpu;

    public Planner(Catalog catalog, CallModel model, Declaration declaration, GuardRails guardRails,
                   double cacheMinimumEcpu) {
        this.catalog = catalog;
        this.model = model;
        this.declaration = declaration;
        this.guardRails = guardRails;
        this.cacheMinimumEcpu = cacheMinimumEcpu;
    }

    /**
     * The standard model over the features the rush deploys, with the guard rails and cache minimum of
     * {@code context} (CDK context keys, as {@code cdk deploy} would be given them) over the defaults.
     */
    public static Planner standard(Catalog catalog, Rush rush, Map<String, String> context) {
        Declaration selected = Rushgate.declaration().select(features(rush)).complete();
        String minimum = context.get("cacheMinimumEcpu");
        return new Planner(catalog, CallModel.standard(), selected,
                Rushgate.guardRails().with(context::get, selected), minimum == null ? 0 : Double.parseDouble(minimum));
    }

    /** The features a rush deploys: its own, and the room when it is behind one. */
    static List<String> features(Rush rush) {
        List<String> features = new ArrayList<>();
        if (!rush.feature().equals("room")) features.add(rush.feature());
        if (rush.behindRoom()) features.add("room");
        return features;
    }

    /**
     * A consumer behind its queue, topic or stream: what arrives a second at the peak, what it can take a second
     * (its environments, each taking a batch in {@code lambda.consumer-ms}), the deepest backlog and the second the
     * last unit is taken. A backlog is work done later, never lost.
     */
    public record Consumer(String function, double peakArrivals, double capacity, int environments,
                           double deepestBacklog, int doneAt) {}

    /** The rush as the components see it: routes at their demand, consumers at the pace they can take it. */
    public record Flow(int seconds, Map<String, double[]> rates, List<Consumer> consumers) {}

    /** Longest the planner follows a backlog after the rush. */
    static final int LONGEST_DRAIN = 6 * 3_600;

    /**
     * Passes each consumer's units through its queue: at most its environments (reserved concurrency, else the SQS
     * event source's maximum concurrency, else for Kafka one per partition) times a batch every
     * {@code lambda.consumer-ms}; the rest waits. The timeline grows until every backlog is gone (at most 6 hours).
     */
    public Flow flow(Demand demand) {
        Map<String, double[]> arrivals = demand.rates();
        Map<String, Double> capacities = new LinkedHashMap<>();
        Map<String, Integer> environmentsOf = new LinkedHashMap<>();
        int horizon = demand.seconds();
        double batchSeconds = catalog.assume("lambda.consumer-ms") / 1000;
        for (var e : arrivals.entrySet()) {
            CallModel.Unit unit = model.unit(e.getKey());
            FunctionSpec function = function(unit.function());
            if (function.trigger() instanceof Trigger.Http || unit.lambda() <= 0) continue;
            int environments = consumerEnvironments(function);
            double capacity = environments / unit.lambda() / batchSeconds;
            capacities.put(e.getKey(), capacity);
            environmentsOf.put(e.getKey(), environments);
            double total = total(e.getValue());
            horizon = (int) Math.max(horizon, demand.seconds() + Math.min(LONGEST_DRAIN, Math.ceil(total / capacity) + 1));
        }
        Map<String, double[]> rates = new LinkedHashMap<>();
        List<Consumer> consumers = new ArrayList<>();
        Map<String, String> drivers = new LinkedHashMap<>(); // a consumer's function -> its unit that invokes it
        capacities.keySet().forEach(u -> drivers.putIfAbsent(model.unit(u).function(), u));
        for (var e : arrivals.entrySet()) {
            double[] in = e.getValue();
            double[] out = new double[horizon];
            Double capacity = capacities.get(e.getKey());
            String driver = drivers.get(model.unit(e.getKey()).function());
            if (capacity == null && driver != null) {
                // a unit inside another's invocations (a follower on a fan-out page) goes at that unit's pace
                continue;
            } else if (capacity == null) {
                System.arraycopy(in, 0, out, 0, in.length);
            } else {
                double backlog = 0, deepest = 0, peak = 0;
                int doneAt = 0;
                for (int t = 0; t < horizon; t++) {
                    double arriving = t < in.length ? in[t] : 0;
                    peak = Math.max(peak, arriving);
                    backlog += arriving;
                    out[t] = Math.min(backlog, capacity);
                    backlog -= out[t];
                    if (out[t] > 0) doneAt = t;
                    deepest = Math.max(deepest, backlog);
                }
                consumers.add(new Consumer(model.unit(e.getKey()).function(), peak, capacity,
                        environmentsOf.get(e.getKey()), deepest, doneAt));
            }
            rates.put(e.getKey(), out);
        }
        for (var e : arrivals.entrySet()) {
            if (rates.containsKey(e.getKey())) continue;
            String driver = drivers.get(model.unit(e.getKey()).function());
            double ratio = total(e.getValue()) / total(arrivals.get(driver));
            double[] paced = rates.get(driver);
            double[] out = new double[horizon];
            for (int t = 0; t < horizon; t++) out[t] = paced[t] * ratio;
            rates.put(e.getKey(), out);
        }
        return new Flow(horizon, rates, consumers);
    }

    /**
     * How long one invocation of {@code function} takes (an assumption of the catalog): a route's request, with or
     * without a database transaction, or a consumer's batch.
     */
    static double invocationSeconds(FunctionSpec function, Catalog catalog) {
        String assumption = !(function.trigger() instanceof Trigger.Http) ? "lambda.consumer-ms"
                : function.needs().database() ? "lambda.database-ms" : "lambda.api-ms";
        return catalog.assume(assumption) / 1000;
    }

    private int consumerEnvironments(FunctionSpec function) {
        Integer reserved = guardRails.reservedConcurrency().get(function.id());
        Integer maximum = guardRails.maxConcurrency().get(function.id());
        int environments = maximum != null ? maximum : reserved != null ? reserved : (int) catalog.quota(
                "lambda.concurrent-executions").value();
        if (function.trigger() instanceof Trigger.Kafka k) {
            environments = Math.min(environments, declaration.topic(k.topic()).partitions());
        }
        return environments;
    }

    public List<Row> rows(Demand demand) {
        return rows(flow(demand));
    }

    public List<Row> rows(Flow flow) {
        int seconds = flow.seconds();
        Map<String, double[]> invocations = new LinkedHashMap<>();
        Map<String, double[]> ecpuBySlot = new LinkedHashMap<>();
        double[] ecpu = new double[seconds];
        Map<String, double[]> writeUnits = new LinkedHashMap<>();
        Map<String, double[]> readUnits = new LinkedHashMap<>();
        Map<String, double[]> messages = new LinkedHashMap<>();
        Map<String, double[]> records = new LinkedHashMap<>();
        double[] transactions = new double[seconds];
        double[] bedrock = new double[seconds];
        double[] payments = new double[seconds];
        java.util.Set<String> producers = new java.util.HashSet<>();
        java.util.Set<String> databaseUsers = new java.util.HashSet<>();
        flow.rates().forEach((name, rate) -> {
            CallModel.Unit unit = model.unit(name);
            FunctionSpec function = function(unit.function());
            if (!unit.kafkaRecords().isEmpty()) producers.add(function.id());
            if (unit.auroraTransactions() > 0) databaseUsers.add(function.id());
            for (int t = 0; t < seconds; t++) {
                double r = rate[t];
                if (r == 0) continue;
                series(invocations, function.id(), seconds)[t] += r * unit.lambda();
                ecpu[t] += r * unit.redisCommands();
                series(ecpuBySlot, slot(function), seconds)[t] += r * unit.redisCommands();
                for (var e : unit.dynamodb().entrySet()) {
                    series(writeUnits, e.getKey(), seconds)[t] += r * e.getValue().writeUnits();
                    series(readUnits, e.getKey(), seconds)[t] += r * e.getValue().readUnits();
                }
                for (var e : unit.sqs().entrySet()) series(messages, e.getKey(), seconds)[t] += r * e.getValue().messages();
                for (var e : unit.kafkaRecords().entrySet()) series(records, e.getKey(), seconds)[t] += r * e.getValue();
                transactions[t] += r * unit.auroraTransactions();
                bedrock[t] += r * unit.bedrock();
                payments[t] += r * unit.payments();
            }
        });

        List<Row> rows = new ArrayList<>();
        double[] requests = new double[seconds];
        Map<String, double[]> environments = new LinkedHashMap<>();
        invocations.forEach((id, rate) -> {
            FunctionSpec function = function(id);
            boolean route = function.trigger() instanceof Trigger.Http;
            if (route) for (int t = 0; t < seconds; t++) requests[t] += rate[t];
            double busySeconds = invocationSeconds(function, catalog);
            Integer reserved = guardRails.reservedConcurrency().get(id);
            double[] envs = new double[seconds];
            for (int t = 0; t < seconds; t++) {
                envs[t] = rate[t] * busySeconds;
                if (reserved != null) envs[t] = Math.min(envs[t], reserved);
            }
            environments.put(id, envs);
        });

        rows.add(row("CloudFront", "requests/s", requests, quota("cloudfront.request-rate"), null));
        rows.add(row("API Gateway (account)", "requests/s", requests, quota("apigateway.throttle-rate"), null));
        invocations.forEach((id, rate) -> {
            if (!(function(id).trigger() instanceof Trigger.Http)) return;
            GuardRails.Throttle throttle = guardRails.route(id);
            rows.add(row("API route " + id, "requests/s", rate, new Limit("Rushgate route throttle", throttle.ratePerSecond(),
                    null, "CDK context throttle." + id + "=RATE/BURST"), null));
        });

        int reservedTotal = guardRails.reservedConcurrency().values().stream().mapToInt(Integer::intValue).sum();
        double[] unreserved = new double[seconds];
        environments.forEach((id, envs) -> {
            if (guardRails.reservedConcurrency().containsKey(id)) return;
            for (int t = 0; t < seconds; t++) unreserved[t] += envs[t];
        });
        Catalog.Quota concurrency = catalog.quota("lambda.concurrent-executions");
        rows.add(row("Lambda environments (account)", "environments", unreserved,
                new Limit(concurrency.name() + " less " + reservedTotal + " reserved",
                        concurrency.value() - reservedTotal, concurrency, serviceQuotas(concurrency)),
                "the functions with reserved concurrency hold " + reservedTotal));
        Catalog.Quota scaling = catalog.quota("lambda.scaling-rate");
        environments.forEach((id, envs) -> {
            // the functions a crowd reaches; one that needs a few environments never meets the scaling rate
            if (!(function(id).trigger() instanceof Trigger.Http) || max(envs) < MANY_ENVIRONMENTS) return;
            rows.add(row("Lambda scaling " + id, "environments", envs,
                    t -> scaling.value() * (1 + t / 10), quota("lambda.scaling-rate", ", from cold", 1),
                    "a function from no environments gets " + (int) scaling.value() + " more every 10 s"));
        });
        double edgeSeconds = catalog.assume("lambda.edge-ms") / 1000;
        rows.add(row("Lambda@Edge environments", "environments", scale(requests, edgeSeconds),
                new Limit(concurrency.name() + ", in the Region serving the viewers", concurrency.value(), concurrency,
                        serviceQuotas(concurrency)), "each API call runs the origin-response rewrite"));

        rows.add(row("ElastiCache (cache)", "ECPU/s", ecpu, quota("elasticache.serverless-ecpu"),
                "an ECPU per command for values under 1 KB, scripts' commands included"));
        Catalog.Quota initial = catalog.quota("elasticache.serverless-initial-ecpu");
        double doubling = catalog.quota("elasticache.serverless-scaling").value() * 60;
        double most = catalog.quota("elasticache.serverless-ecpu").value();
        rows.add(row("ElastiCache scaling from idle", "ECPU/s", ecpu,
                t -> Math.min(most, Math.max(cacheMinimumEcpu, initial.value() * Math.pow(2, t / doubling))),
                quota(initial.id(), ", doubling every " + (int) (doubling / 60) + " min", 1), null));
        ecpuBySlot.forEach((slot, load) -> {
            if (max(load) > 0) {
                rows.add(row("ElastiCache hash slot " + slot, "ECPU/s", load, quota("elasticache.serverless-slot-ecpu"),
                        null));
            }
        });

        for (String table : union(writeUnits, readUnits)) {
            double[] writes = writeUnits.getOrDefault(table, new double[seconds]);
            double[] reads = readUnits.getOrDefault(table, new double[seconds]);
            if (max(writes) > 0) {
                rows.add(row("DynamoDB " + table + " writes", "WRU/s", writes, quota("dynamodb.new-table-write"),
                        "a table that has served more before "
                        + "starts higher, up to " + (int) catalog.quota("dynamodb.table-write").value() + " WRU/s"));
                rows.add(row("DynamoDB " + table + " writes (table)", "WRU/s", writes, quota("dynamodb.table-write"), null));
                Integer keys = KEYS_PER_EVENT.get(table);
                if (keys != null) {
                    rows.add(row("DynamoDB " + table + " one event's keys", "WRU/s", writes,
                            quota("dynamodb.partition-write", " x " + keys + " key" + (keys == 1 ? "" : "s"), keys),
                            null));
                }
            }
            if (max(reads) > 0) {
                rows.add(row("DynamoDB " + table + " reads", "RRU/s", reads, quota("dynamodb.new-table-read"), null));
            }
        }

        messages.forEach((queue, sent) -> consumerOf(queue).ifPresent(consumer -> {
            Trigger.Sqs sqs = (Trigger.Sqs) consumer.trigger();
            int pollers = consumerEnvironments(consumer);
            double drainPerSecond = pollers * sqs.batchSize() / invocationSeconds(consumer, catalog);
            double[] inFlight = new double[seconds];
            double backlog = 0;
            for (int t = 0; t < seconds; t++) {
                backlog += sent[t];
                inFlight[t] = Math.min(backlog, pollers * sqs.batchSize());
                backlog = Math.max(0, backlog - drainPerSecond);
            }
            rows.add(row("SQS " + queue + " in flight", "messages", inFlight, quota("sqs.in-flight"),
                    consumer.id() + " holds up to " + pollers + " batches of " + sqs.batchSize()));
        }));

        if (!records.isEmpty()) {
            double bytes = catalog.assume("kafka.record-bytes");
            double[] clusterMb = new double[seconds];
            records.forEach((topic, rate) -> {
                int partitions = declaration.topic(topic).partitions();
                double[] perPartition = scale(rate, bytes / 1e6 / partitions);
                for (int t = 0; t < seconds; t++) clusterMb[t] += rate[t] * bytes / 1e6;
                rows.add(row("MSK " + topic + " one partition", "MB/s", perPartition,
                        quota("msk.serverless-partition-ingress"), partitions + " partitions"));
            });
            rows.add(row("MSK cluster ingress", "MB/s", clusterMb, quota("msk.serverless-ingress"), null));
            double perEnvironment = catalog.assume("kafka.connections-per-environment");
            double[] connections = new double[seconds];
            environments.forEach((id, envs) -> {
                if (!producers.contains(id)) return;
                for (int t = 0; t < seconds; t++) connections[t] += envs[t] * perEnvironment;
            });
            rows.add(row("MSK client connections", "connections", connections, quota("msk.serverless-connections"),
                    "each environment that produces keeps its own connections"));
            double[] attempts = new double[seconds];
            for (int t = 0; t < seconds; t++) attempts[t] = Math.max(0, connections[t] - (t == 0 ? 0 : connections[t - 1]));
            rows.add(row("MSK connection attempts", "connections/s", attempts, quota("msk.serverless-connection-rate"),
                    "new environments connecting"));
        }

        if (max(transactions) > 0) {
            double pool = catalog.assume("aurora.pool-per-environment");
            double[] connections = new double[seconds];
            environments.forEach((id, envs) -> {
                if (!databaseUsers.contains(id)) return;
                for (int t = 0; t < seconds; t++) connections[t] += envs[t] * pool;
            });
            rows.add(row("Aurora connections", "connections", connections, quota("aurora.max-connections"),
                    "each environment that runs transactions pools up to " + (int) pool));
            rows.add(row("Aurora capacity", "ACU", scale(transactions, 1 / catalog.assume("aurora.transactions-per-acu")),
                    quota("aurora.max-acu"), "at an assumed " + (int) catalog.assume("aurora.transactions-per-acu")
                            + " transactions/s per ACU"));
        }
        if (max(bedrock) > 0) {
            // half the calls are Converse, each its prompt and answer against the model's tokens a minute
            double tokens = catalog.assume("bedrock.tokens-in")
                    + catalog.assume("bedrock.tokens-out") * catalog.assume("bedrock.output-burndown");
            rows.add(row("Bedrock model tokens", "tokens/min", scale(bedrock, 60 / 2.0 * tokens),
                    quota("bedrock.model-tpm"), "inspect-posts' reserved concurrency queues the rest on the stream"));
            rows.add(row("Bedrock ApplyGuardrail", "text units/s", scale(bedrock, catalog.assume("bedrock.text-units") / 2),
                    quota("bedrock.guardrail-text-units"), null));
        }
        if (max(payments) > 0) {
            rows.add(row("Payment provider", "requests/s", payments, new Limit("the provider's rate limit (assumed)",
                    catalog.assume("payments.rate"), null, "ask the provider; charge-payments' reserved concurrency "
                    + "queues the rest"), null));
        }
        return rows;
    }

    private Limit quota(String id) {
        return quota(id, "", 1);
    }

    /** Quota {@code id} as a limit, its name followed by {@code qualifier}, its value times {@code times}. */
    private Limit quota(String id, String qualifier, int times) {
        Catalog.Quota quota = catalog.quota(id);
        return new Limit(quota.name() + qualifier, quota.value() * times, quota, quota.raise() != null ? quota.raise()
                : quota.adjustable() ? serviceQuotas(quota) : "not adjustable");
    }

    static String serviceQuotas(Catalog.Quota quota) {
        return "Service Quotas: " + quota.service() + ", \"" + quota.name() + "\""
                + (quota.code() == null ? "" : " (" + quota.code() + ")");
    }

    private static Row row(String component, String unit, double[] load, Limit limit, String note) {
        return row(component, unit, load, t -> limit.value(), limit, note);
    }

    private static Row row(String component, String unit, double[] load, IntToDoubleFunction limitAt, Limit limit,
                           String note) {
        double peak = 0;
        int peakAt = 0;
        Integer runsOut = null;
        for (int t = 0; t < load.length; t++) {
            if (load[t] > peak) {
                peak = load[t];
                peakAt = t;
            }
            if (runsOut == null && load[t] > limitAt.applyAsDouble(t) * (1 + 1e-9)) runsOut = t;
        }
        return new Row(component, unit, peak, peakAt, limit, runsOut, note);
    }

    private FunctionSpec function(String id) {
        return Rushgate.declaration().function(id)
                .orElseThrow(() -> new IllegalStateException("plan/calls.json names " + id + ", not a declared function"));
    }

    private Optional<FunctionSpec> consumerOf(String queue) {
        return Rushgate.declaration().functions().stream()
                .filter(f -> f.trigger() instanceof Trigger.Sqs s && s.queue().equals(queue)).findFirst();
    }

    /** The hash slot a function's keys live on: one per event, named by the feature's hash tag. */
    private static String slot(FunctionSpec function) {
        return switch (function.feature()) {
            case "drops" -> "{drop:<id>}";
            case "room" -> "{room:<id>}";
            case "votes" -> "{poll:<id>}";
            case "tickets" -> "{show:<id>}";
            case "feed" -> "{upstream}";
            default -> function.feature();
        };
    }

    private static double[] series(Map<String, double[]> byKey, String key, int seconds) {
        return byKey.computeIfAbsent(key, k -> new double[seconds]);
    }

    private static double[] scale(double[] values, double factor) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i] * factor;
        return out;
    }

    private static double total(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum;
    }

    static double max(double[] values) {
        double m = 0;
        for (double v : values) m = Math.max(m, v);
        return m;
    }

    private static List<String> union(Map<String, double[]> a, Map<String, double[]> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        return keys;
    }
}
