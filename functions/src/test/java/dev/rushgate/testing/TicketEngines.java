package dev.rushgate.testing;

import dev.rushgate.ops.schema.SchemaMigrations;
import dev.rushgate.tickets.adapter.PostgresTicketLedger;
import dev.rushgate.tickets.adapter.RedisSeatMap;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;

/** Ticketing's real stores for a test: the ledger on an embedded PostgreSQL (migrated), the seat map on Redis. */
public final class TicketEngines implements AutoCloseable {
    public final EmbeddedPostgres postgres;
    public final PostgresTicketLedger ledger;
    public final RedisSeatMap seatMap;
    private final EmbeddedRedis redis;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private TicketEngines() throws IOException {
        postgres = EmbeddedPostgres.start();
        new SchemaMigrations(postgres.getPostgresDatabase()).migrate();
        ledger = new PostgresTicketLedger(postgres::getPostgresDatabase);
        redis = EmbeddedRedis.start();
        client = RedisClient.create("redis://" + redis.endpoint());
        connection = client.connect();
        seatMap = new RedisSeatMap(connection::sync);
    }

    /** Commands on the seat map's Redis, for what else a test keeps there. */
    public io.lettuce.core.api.sync.RedisCommands<String, String> redis() {
        return connection.sync();
    }

    public static TicketEngines start() throws IOException {
        return new TicketEngines();
    }

    @Override
    public void close() throws IOException {
        connection.close();
        client.shutdown();
        redis.close();
        postgres.close();
    }
}
