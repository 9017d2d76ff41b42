package dev.rushgate.dynamodb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rushgate.dynamodb.api.DynamoApi;
import dev.rushgate.dynamodb.api.NettyHttpServer;
import dev.rushgate.dynamodb.api.RequestCounts;
import dev.rushgate.dynamodb.store.Catalog;
import dev.rushgate.dynamodb.store.Store;
import dev.rushgate.dynamodb.store.TableDef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local stack's DynamoDB: the DynamoDB JSON protocol ({@code X-Amz-Target: DynamoDB_20120810.*} and
 * {@code DynamoDBStreams_20120810.*}) over HTTP on 127.0.0.1, with every table kept in PostgreSQL. Any credentials
 * and region are accepted and all clients see the same tables. A background task deletes expired items of tables
 * with TTL on (every few seconds, where DynamoDB takes up to days) and trims stream records older than 24 hours.
 */
public final class DynamoDbEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbEngine.class);
    /** Connections to PostgreSQL: enough for the stack's writers without crowding its other users. */
    private static final int POOL = 24;
    private static final int TTL_BATCH = 1000;

    private final NettyHttpServer server;
    private final ScheduledExecutorService housekeeping;
    private final HikariDataSource pool;
    private final RequestCounts requests;
    private final Store store;
    private boolean closed;

    private DynamoDbEngine(NettyHttpServer server, ScheduledExecutorService housekeeping, HikariDataSource pool,
                           RequestCounts requests, Store store) {
        this.server = server;
        this.housekeeping = housekeeping;
        this.pool = pool;
        this.requests = requests;
        this.store = store;
    }

    /** Requests answered so far, by {@code "Operation table"} (see {@link RequestCounts}). */
    public java.util.Map<String, Long> requests() {
        return requests.snapshot();
    }

    /** Transactions the engine committed in PostgreSQL so far, housekeeping's included. */
    public long storageTransactions() {
        return store.transactions();
    }

    /** Starts serving; returns once requests are accepted. */
    public static DynamoDbEngine start(EngineConfig config) {
        HikariDataSource pool = pool(config);
        try {
            Store store = new Store(pool);
            store.migrate();
            Catalog catalog = new Catalog(store, Clock.systemUTC());
            DynamoApi api = new DynamoApi(catalog, store);
            NettyHttpServer server = NettyHttpServer.start(config.port(), api);
            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("dynamodb-housekeeping").daemon(true).factory());
            housekeeping.scheduleWithFixedDelay(() -> expire(catalog, store), 2, 2, TimeUnit.SECONDS);
            housekeeping.scheduleWithFixedDelay(() -> run("trim history", store::trimHistory), 1, 60, TimeUnit.MINUTES);
            return new DynamoDbEngine(server, housekeeping, pool, api.counts(), store);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(EngineConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setPoolName("dynamodb-engine");
        hikari.setMaximumPoolSize(POOL);
        hikari.setMinimumIdle(4);
        hikari.setAutoCommit(false);
        // Durable: answer a write only once PostgreSQL has flushed its commit record, so a crash loses nothing
        // acknowledged. Otherwise commits are flushed within a fraction of a second, which is enough for a throwaway stack.
        hikari.setConnectionInitSql("SET synchronous_commit = " + (config.durable() ? "on" : "off"));
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.addDataSourceProperty("ApplicationName", "rushgate-dynamodb-engine");
        return new HikariDataSource(hikari);
    }

    private static void expire(Catalog catalog, Store store) {
        run("expire items", () -> {
            long now = System.currentTimeMillis() / 1000;
            for (TableDef t : catalog.all()) {
                if (t.ttlAttribute() != null) store.deleteExpired(t, now, TTL_BATCH);
            }
        });
    }

    private static void run(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A table deleted meanwhile, or PostgreSQL going away at shutdown: the next round tries again.
            LOG.debug("housekeeping ({}) failed: {}", what, e.toString());
        }
    }

    /** For {@code endpointOverride}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Stops serving and closes the database pool; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        housekeeping.shutdownNow();
        server.close();
        pool.close();
    }
}
