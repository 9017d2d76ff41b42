package dev.rushgate.localstack.engine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The five engines of the stack on one machine, running on this machine without Docker: Redis and PostgreSQL as
 * child processes, DynamoDB Local, ElasticMQ (SQS) and a one-node KRaft Kafka inside this JVM.
 *
 * <p>Invariants: {@link #start} returns only when every engine accepts connections, or throws after stopping the
 * ones that did start; every engine listens on 127.0.0.1 on a free port, so several stacks (or test classes) can
 * run side by side; {@link #close()} stops all of them, leaving no child process and no non-daemon thread, and
 * deletes temporary directories. Registering a JVM shutdown hook is the caller's business, not this class's.
 */
public final class Engines implements AutoCloseable {

    private final RedisEngine redis;
    private final DynamoEngine dynamo;
    private final SqsEngine sqs;
    private final KafkaEngine kafka;
    private final PostgresEngine postgres;
    private final Duration startTime;
    private boolean closed;

    private Engines(RedisEngine redis, DynamoEngine dynamo, SqsEngine sqs, KafkaEngine kafka, PostgresEngine postgres,
                    Duration startTime) {
        this.redis = redis;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.kafka = kafka;
        this.postgres = postgres;
        this.startTime = startTime;
    }

    /** Starts all five engines in parallel and waits until each is ready. */
    public static Engines start(EngineOptions options) {
        long begin = System.nanoTime();
        Optional<Path> data = options.dataDir();
        ExecutorService starters = Executors.newFixedThreadPool(5, Thread.ofPlatform().name("engine-start-", 0)
                .daemon(true).factory());
        try {
            var redis = async(starters, () -> RedisEngine.start(data.map(d -> d.resolve("redis"))));
            var dynamo = async(starters, () -> DynamoEngine.start(data.map(d -> d.resolve("dynamodb"))));
            var sqs = async(starters, SqsEngine::start);
            var kafka = async(starters, () -> KafkaEngine.start(data.map(d -> d.resolve("kafka"))));
            var postgres = async(starters, () -> PostgresEngine.start(data.map(d -> d.resolve("postgres"))));
            List<CompletableFuture<? extends Engine>> all = List.of(redis, dynamo, sqs, kafka, postgres);
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                stopStarted(all);
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            return new Engines(redis.join(), dynamo.join(), sqs.join(), kafka.join(), postgres.join(),
                    Duration.ofNanos(System.nanoTime() - begin));
        } finally {
            starters.shutdown();
        }
    }

    private static <T extends Engine> CompletableFuture<T> async(ExecutorService executor, Supplier<T> start) {
        return CompletableFuture.supplyAsync(() -> FreePort.retrying(start), executor);
    }

    private static void stopStarted(List<CompletableFuture<? extends Engine>> all) {
        // The others may still be starting: wait for each, so none outlives the failure.
        for (CompletableFuture<? extends Engine> f : all) {
            f.handle((engine, error) -> engine).thenAccept(e -> {
                if (e != null) e.close();
            }).join();
        }
    }

    /** Redis as {@code 127.0.0.1:port}. */
    public String redisEndpoint() {
        return redis.endpoint();
    }

    /** DynamoDB Local's HTTP endpoint, for {@code endpointOverride}. */
    public URI dynamoEndpoint() {
        return dynamo.endpoint();
    }

    /** ElasticMQ's SQS endpoint, for {@code endpointOverride}. */
    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    /** Kafka's {@code bootstrap.servers}. */
    public String kafkaBootstrap() {
        return kafka.bootstrap();
    }

    /** JDBC URL of the {@code postgres} database. */
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String dbUser() {
        return PostgresEngine.USER;
    }

    public String dbPassword() {
        return PostgresEngine.PASSWORD;
    }

    /** Wall-clock time {@link #start} took, from the call to the last engine ready. */
    public Duration startTime() {
        return startTime;
    }

    /** One line per engine: its name and where it listens. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Engine e : engines()) {
            out.append(String.format("%-9s %s%n", e.name(), e.address()));
        }
        return out.toString();
    }

    private List<Engine> engines() {
        return List.of(redis, dynamo, sqs, kafka, postgres);
    }

    /**
     * Stops every engine; idempotent. Engines are stopped in parallel because Kafka's and PostgreSQL's orderly
     * shutdowns each take a moment, and they do not depend on each other.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        List<Thread> stoppers = new ArrayList<>();
        for (Engine e : engines()) {
            stoppers.add(Thread.ofPlatform().name("engine-stop-" + e.name()).start(e::close));
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
