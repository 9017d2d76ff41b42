package dev.rushgate.dynamodb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * A throwaway engine with a PostgreSQL of its own, for tests that have no local stack: every table lives in a
 * temporary database that {@link #close()} deletes.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final DynamoDbEngine engine;

    private EmbeddedDynamoDb(EmbeddedPostgres postgres, DynamoDbEngine engine) {
        this.postgres = postgres;
        this.engine = engine;
    }

    public static EmbeddedDynamoDb start() {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
        try {
            return new EmbeddedDynamoDb(postgres, DynamoDbEngine.start(new EngineConfig(
                    postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 0, false)));
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
    }

    public URI endpoint() {
        return engine.endpoint();
    }

    @Override
    public void close() {
        engine.close();
        closeQuietly(postgres);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException ignored) {
            // already stopped
        }
    }
}
