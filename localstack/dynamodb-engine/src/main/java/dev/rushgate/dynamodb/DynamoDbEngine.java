package dev.rushgate.dynamodb;

import java.net.URI;

/**
 * The local stack's DynamoDB: the DynamoDB JSON protocol ({@code X-Amz-Target: DynamoDB_20120810.*} and
 * {@code DynamoDBStreams_20120810.*}) over HTTP on 127.0.0.1, with every table kept in PostgreSQL. Any credentials
 * and region are accepted and all clients see the same tables.
 */
public final class DynamoDbEngine implements AutoCloseable {
    private final URI endpoint;

    private DynamoDbEngine(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Starts serving; returns once requests are accepted. */
    public static DynamoDbEngine start(EngineConfig config) {
        throw new IllegalStateException("not started yet: being written");
    }

    /** For {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops serving and closes the database pool; idempotent. */
    @Override
    public void close() {
    }
}
