package dev.rushgate.localstack.engine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The five engines of the stack on one machine, running on this machine without Docker: Redis as a child process,
 * PostgreSQL as a server process started (and detached) by {@code pg_ctl}, the project's DynamoDB engine (over that
 * PostgreSQL), ElasticMQ (SQS) and a
 * one-node KRaft Kafka inside this JVM. With a data directory ({@link EngineOptions}) every engine keeps its state
 * across restarts, SQS messages queued or in flight included, and what each engine acknowledged survives a crash
 * of the stack (see {@link EngineOptions} for what a crash of the machine may lose).
 *
 * <p>With a data directory, {@link #start} first takes the directory's {@link DataDirLock}, so a second stack on the
 * same directory is refused with a {@link DataDirInUseException} before it starts anything; then it ends whatever
 * engine process a stack that died left running there ({@link Leftovers}), saying so on standard error.
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
    /** Held from start to close when there is a data directory; null otherwise. */
    private final DataDirLock lock;
    private final Duration startTime;
    /** How long each engine took to be ready, by name: the slowest one sets {@link #startTime()}. */
    private final Map<String, Duration> readyAfter;
    private boolean closed;

    private Engines(RedisEngine redis, DynamoEngine dynamo, SqsEngine sqs, KafkaEngine kafka, PostgresEngine postgres,
                    DataDirLock lock, Duration startTime, Map<String, Duration> readyAfter) {
        this.redis = redis;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.kafka = kafka;
        this.postgres = postgres;
        this.lock = lock;
        this.startTime = startTime;
        this.readyAfter = Map.copyOf(readyAfter);
    }

    /** Starts all five engines in parallel and waits until each is ready. */
    public static Engines start(EngineOptions options) {
        long begin = System.nanoTime();
        Optional<Path> data = options.dataDir();
        DataDirLock lock = data.map(DataDirLock::acquire).orElse(null);
        try {
            data.ifPresent(dir -> Leftovers.end(dir, System.err::println));
            return startEngines(data, lock, begin);
        } catch (RuntimeException | Error e) {
            if (lock != null) lock.close();
            throw e;
        }
    }

    private static Engines startEngines(Optional<Path> data, DataDirLock lock, long begin) {
        ExecutorService starters = Executors.newFixedThreadPool(5, Thread.ofPlatform().name("engine-start-", 0)
                .daemon(true).factory());
        Map<String, Duration> readyAfter = new ConcurrentHashMap<>();
        try {
            var redis = async(starters, () -> RedisEngine.start(data.map(d -> d.resolve("redis"))), readyAfter);
            var sqs = async(starters, () -> SqsEngine.start(data.map(d -> d.resolve("sqs"))), readyAfter);
            var kafka = async(starters, () -> KafkaEngine.start(data.map(d -> d.resolve("kafka"))), readyAfter);
            var postgres = async(starters, () -> PostgresEngine.start(data.map(d -> d.resolve("postgres"))), readyAfter);
            // DynamoDB keeps its tables in PostgreSQL, so it starts once PostgreSQL is up.
            long dynamoBegin = System.nanoTime();
            var dynamo = postgres.thenApplyAsync(pg -> {
                DynamoEngine engine = DynamoEngine.start(pg, data.isPresent());
                readyAfter.put(engine.name(), Duration.ofNanos(System.nanoTime() - dynamoBegin));
                return engine;
            }, starters);
            List<CompletableFuture<? extends Engine>> all = List.of(redis, dynamo, sqs, kafka, postgres);
            try {
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                stopStarted(all);
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            return new Engines(redis.join(), dynamo.join(), sqs.join(), kafka.join(), postgres.join(), lock,
                    Duration.ofNanos(System.nanoTime() - begin), readyAfter);
        } finally {
            starters.shutdown();
        }
    }

    private static <T extends Engine> CompletableFuture<T> async(ExecutorService executor, Supplier<T> start,
                                                                 Map<String, Duration> readyAfter) {
        long begin = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> {
            T engine = FreePort.retrying(start);
            readyAfter.put(engine.name(), Duration.ofNanos(System.nanoTime() - begin));
            return engine;
        }, executor);
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

    /** The DynamoDB engine's HTTP endpoint, for {@code endpointOverride}. */
    public URI dynamoEndpoint() {
        return dynamo.endpoint();
    }

    /** Requests the DynamoDB engine answered so far, by {@code "Operation table"}: what DynamoDB would bill. */
    public Map<String, Long> dynamoRequests() {
        return dynamo.engine().requests();
    }

    /** Transactions the DynamoDB engine committed in PostgreSQL so far: its share of the database's xact_commit. */
    public long dynamoStorageTransactions() {
        return dynamo.engine().storageTransactions();
    }

    /** ElasticMQ's SQS endpoint, for {@code endpointOverride}. */
    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    /** Kafka's {@code bootstrap.servers}. */
    /** Restarts the Kafka broker on its ports and log (the fault suite's broker restart); how long it was down. */
    public Duration restartKafka() {
        return kafka.restart();
    }

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

    /** One line per engine: its name, where it listens and how long it took to be ready. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Engine e : engines()) {
            Duration ready = readyAfter.getOrDefault(e.name(), Duration.ZERO);
            out.append(String.format("%-9s %-55s ready in %5d ms%n", e.name(), e.address(), ready.toMillis()));
        }
        return out.toString();
    }

    private List<Engine> engines() {
        return List.of(redis, dynamo, sqs, kafka, postgres);
    }

    /**
     * Stops every engine, then releases the data directory; idempotent. Engines are stopped in parallel because
     * Kafka's and PostgreSQL's orderly shutdowns each take a moment, and they do not depend on each other.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        List<Thread> stoppers = new ArrayList<>();
        for (Engine e : engines()) {
            stoppers.add(Thread.ofPlatform().name("engine-stop-" + e.name()).start(e::close));
        }
        try {
            for (Thread t : stoppers) t.join();
        } catch (InterruptedException ie) {
            // The lock stays held until this JVM exits: an engine may still be stopping.
            Thread.currentThread().interrupt();
            return;
        }
        if (lock != null) lock.close();
    }
}
