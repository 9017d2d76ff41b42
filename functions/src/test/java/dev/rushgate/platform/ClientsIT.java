package dev.rushgate.platform;

import dev.rushgate.testing.EmbeddedRedis;
import dev.rushgate.wiring.EnvNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** The SnapStart hooks against a real Redis: a connection dropped before the snapshot is reopened on use. */
class ClientsIT {

    private static EmbeddedRedis redis;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        System.setProperty(EnvNames.REDIS_ENDPOINT, redis.endpoint());
        Clients.get().reset();
    }

    @AfterAll
    static void stopRedis() {
        Clients.get().reset();
        System.clearProperty(EnvNames.REDIS_ENDPOINT);
        redis.close();
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
