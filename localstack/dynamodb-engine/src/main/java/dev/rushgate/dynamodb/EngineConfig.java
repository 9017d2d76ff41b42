package dev.rushgate.dynamodb;

import java.util.Objects;

/**
 * How to start a {@link DynamoDbEngine}.
 *
 * @param jdbcUrl  the PostgreSQL database that holds every table, item and stream record; the engine creates its
 *                 own schema ({@code dynamodb}) in it and touches nothing else
 * @param user     PostgreSQL user
 * @param password PostgreSQL password
 * @param port     the HTTP port to serve on, 127.0.0.1 only; 0 picks a free one
 * @param durable  true: a write is answered only once PostgreSQL has flushed it ({@code synchronous_commit=on}), so
 *                 what was acknowledged survives a crash; false: faster, for throwaway stacks and tests
 */
public record EngineConfig(String jdbcUrl, String user, String password, int port, boolean durable) {
    public EngineConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }
}
