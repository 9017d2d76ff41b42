package dev.rushgate.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A real Redis for adapter tests: a child process on a free loopback port, without persistence, and one connection. */
public final class EmbeddedRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private EmbeddedRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = RedisClient.create("redis://127.0.0.1:" + port);
        this.connection = client.connect();
    }

    public static EmbeddedRedis start() {
        try {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
            server.start();
            return new EmbeddedRedis(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded Redis", e);
        }
    }

    /** {@code 127.0.0.1:port}, as {@code RUSHGATE_REDIS_ENDPOINT} names it. */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    public RedisCommands<String, String> sync() {
        return connection.sync();
    }

    public RedisAsyncCommands<String, String> async() {
        return connection.async();
    }

    /** Script calls this Redis has run so far (EVALSHA and EVAL), from its own INFO commandstats. */
    public long scriptCalls() {
        long calls = 0;
        for (String line : sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                calls += Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+),.*$", "$1"));
            }
        }
        return calls;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
