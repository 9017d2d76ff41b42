package dev.rushgate.platform;

import dev.rushgate.wiring.EnvNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** The SnapStart hooks against a real Redis: a connection dropped before the snapshot is reopened on use. */
class ClientsIT {

    private static RedisServer server;

    @BeforeAll
    static void startRedis() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
        server.start();
        System.setProperty(EnvNames.REDIS_ENDPOINT, "127.0.0.1:" + port);
        Clients.get().reset();
    }

    @AfterAll
    static void stopRedis() throws IOException {
        Clients.get().reset();
        System.clearProperty(EnvNames.REDIS_ENDPOINT);
        server.stop();
    }

    @Test
    void reopensRedis_afterTheConnectionWasDroppedForASnapshot() {
        var before = Clients.get().redis();
        assertThat(Clients.get().redisAnswers()).isTrue();

        Clients.get().beforeCheckpoint(null);
        Clients.get().afterRestore(null);

        var after = Clients.get().redis();
        assertThat(after).isNotSameAs(before);
        assertThat(Clients.get().redisAnswers()).isTrue();
        assertThat(after.set("{t}:k", "v")).isEqualTo("OK");
    }
}
