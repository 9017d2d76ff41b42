package dev.rushgate.localstack.engine;

import dev.rushgate.dynamodb.DynamoDbEngine;
import dev.rushgate.dynamodb.EngineConfig;

import java.net.URI;

/**
 * The project's own DynamoDB engine in this JVM, keeping its tables in the stack's PostgreSQL (schema
 * {@code dynamodb}), so its data lives and dies with PostgreSQL's: kept under {@code --data}, with every
 * acknowledged write flushed before it is answered.
 */
final class DynamoEngine implements Engine {
    private final DynamoDbEngine engine;

    private DynamoEngine(DynamoDbEngine engine) {
        this.engine = engine;
    }

    /** Starts on {@code postgres}, which must be up; {@code durable} when the stack keeps its data. */
    static DynamoEngine start(PostgresEngine postgres, boolean durable) {
        return new DynamoEngine(DynamoDbEngine.start(new EngineConfig(postgres.jdbcUrl(), PostgresEngine.USER,
                PostgresEngine.PASSWORD, 0, durable)));
    }

    URI endpoint() {
        return engine.endpoint();
    }

    DynamoDbEngine engine() {
        return engine;
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public String address() {
        return endpoint() + " (Rushgate's engine, over PostgreSQL)";
    }

    @Override
    public void close() {
        engine.close();
    }
}
