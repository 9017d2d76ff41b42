package dev.rushgate.localstack.plan;

import dev.rushgate.localstack.LocalStack;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/**
 * Everything a unit of work can cost, read at once from the local stack: Lambda invocations per function
 * ({@code lambda.<function>}), Redis round trips and commands, DynamoDB and SQS per table and queue, Bedrock calls
 * ({@link SdkCalls}), Kafka records per topic (the topics' end offsets), PostgreSQL transactions
 * ({@link AppTransactions}), requests to the search node (its own usage count), and calls to the upstream user
 * service and to the payment provider (their simulators). Keys are the model's field paths
 * ({@code redis.calls}, {@code dynamodb.claims.writeUnits}).
 */
final class Meter implements AutoCloseable {

    /** How long nothing may move before work counts as settled: past what a route leaves running when it answers. */
    static final Duration SETTLE = Duration.ofMillis(100);

    private final LocalStack stack;
    private final RedisMonitor redis;
    private final Admin kafka;

    Meter(LocalStack stack) throws Exception {
        this.stack = stack;
        AppTransactions.install();
        this.redis = new RedisMonitor(stack.engines().redisEndpoint());
        this.kafka = Admin.create(Map.of("bootstrap.servers", stack.engines().kafkaBootstrap()));
    }

    /** Everything counted so far, once the engines have seen every call made before this one. */
    Map<String, Double> read() {
        Map<String, Double> now = new TreeMap<>();
        RedisMonitor.Counts r = redis.settle();
        now.put("redis.calls", (double) r.calls());
        now.put("redis.commands", (double) r.commands());
        stack.invocations().forEach((function, count) -> now.put("lambda." + function, (double) count));
        now.putAll(SdkCalls.counts());
        now.putAll(records());
        now.put("aurora.transactions", (double) AppTransactions.committed());
        var upstream = stack.upstream().calls();
        now.put("upstream", (double) (upstream.ok() + upstream.failed() + upstream.refused()));
        now.put("payments", (double) stack.payments().requests());
        now.put("opensearch", (double) searchRequests());
        return now;
    }

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    /**
     * Requests the search node answered, by its own count of REST actions ({@code GET _nodes/usage}), less the
     * reading of that count; 0 where the stack has no search node.
     */
    private long searchRequests() {
        String endpoint = stack.environment().get(dev.rushgate.wiring.EnvNames.SEARCH_ENDPOINT);
        if (endpoint == null) return 0;
        try {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint + "/_nodes/usage"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            long total = 0;
            for (var node : JSON.readTree(answer.body()).path("nodes")) {
                var actions = node.path("rest_actions").fields();
                while (actions.hasNext()) {
                    var action = actions.next();
                    if (!action.getKey().equals("nodes_usage_action")) total += action.getValue().asLong();
                }
            }
            return total;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private Map<String, Double> records() {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (TopicSpec topic : Rushgate.declaration().topics()) {
            for (int p = 0; p < topic.partitions(); p++) ends.put(new TopicPartition(topic.id(), p), OffsetSpec.latest());
        }
        Map<String, Double> records = new TreeMap<>();
        try {
            kafka.listOffsets(ends).all().get().forEach((partition, end) ->
                    records.merge("kafka." + partition.topic() + ".records", (double) end.offset(), Double::sum));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("no end offsets", e.getCause());
        }
        return records;
    }

    /** What was counted while {@code work} ran, and until what it started in the background had settled. */
    Map<String, Double> during(Runnable work) {
        Map<String, Double> before = quiet();
        work.run();
        return since(before, delta -> true, SETTLE, Duration.ofSeconds(10));
    }

    /**
     * As {@link #during(Runnable)}, but counting from now, without waiting for earlier work to settle first: for a
     * call that must follow another closely (a room advances at most once per 50 ms).
     */
    Map<String, Double> rightAfter(Runnable work) {
        Map<String, Double> before = read();
        work.run();
        return since(before, delta -> true, SETTLE, Duration.ofSeconds(10));
    }

    /**
     * What was counted from {@code start} until {@code done} holds of it and nothing more was counted for
     * {@code quiet}: the work of a consumer, which ends when it ends.
     */
    Map<String, Double> during(Runnable start, Predicate<Map<String, Double>> done, Duration quiet, Duration atMost) {
        Map<String, Double> before = quiet();
        start.run();
        return since(before, done, quiet, atMost);
    }

    private Map<String, Double> since(Map<String, Double> before, Predicate<Map<String, Double>> done, Duration quiet,
                                      Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        Map<String, Double> last = Map.of();
        long stableSince = System.nanoTime();
        while (true) {
            Map<String, Double> delta = minus(read(), before);
            if (!delta.equals(last)) {
                last = delta;
                stableSince = System.nanoTime();
            } else if (done.test(delta) && System.nanoTime() - stableSince >= quiet.toNanos()) {
                return delta;
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException("the work did not end: " + delta);
            sleep(Duration.ofMillis(25));
        }
    }

    /** The counts once nothing has moved them for a moment: what earlier work left to finish has finished. */
    private Map<String, Double> quiet() {
        Map<String, Double> before = read();
        return plus(before, since(before, delta -> true, SETTLE, Duration.ofSeconds(10)));
    }

    private static Map<String, Double> plus(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> sum = new TreeMap<>(a);
        b.forEach((key, value) -> sum.merge(key, value, Double::sum));
        return sum;
    }

    /** What Redis itself counts of the commands it ran (INFO commandstats). */
    long redisCommandsRun() {
        return redis.commandsRun();
    }

    /** The end offset of every partition of {@code topic}, added up: what the broker holds of it. */
    long records(String topic) {
        return records().getOrDefault("kafka." + topic + ".records", 0.0).longValue();
    }

    static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> delta = new TreeMap<>();
        after.forEach((key, value) -> {
            double d = value - before.getOrDefault(key, 0.0);
            if (d != 0) delta.put(key, d);
        });
        return delta;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        redis.close();
        kafka.close(Duration.ofSeconds(2));
    }
}
