package dev.rushgate.localstack.engine;

import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A Redis killed under the stack comes back on its port: with what it answered under --data, empty without. */
class RedisSupervisionIT {

    @Test
    void aKilledRedisIsStartedAgainOnItsPort_withWhatItAnsweredUnderData(@TempDir Path data) throws Exception {
        // given a Redis on a data directory that has answered a write
        try (RedisEngine engine = RedisEngine.start(Optional.of(data));
             RedisClient client = RedisClient.create(engine.address())) {
            var redis = client.connect().sync();
            redis.set("kept", "yes");
            long pid = pid(data);

            // when its process is SIGKILLed
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            // then it is started again on the same port, as a new process, from its append-only file
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.restarts() == 1);
            assertThat(pid(data)).isNotEqualTo(pid);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> "yes".equals(redis.get("kept")));
        }
    }

    @Test
    void aKilledRedisWithoutDataComesBackEmpty_andCloseEndsIt() throws Exception {
        // given a Redis without a data directory
        RedisEngine engine = RedisEngine.start(Optional.empty());
        long firstPid;
        try (RedisClient client = RedisClient.create(engine.address())) {
            var redis = client.connect().sync();
            redis.set("lost", "yes");
            firstPid = ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("")
                    .contains("redis")).findFirst().orElseThrow().pid();

            // when it is SIGKILLed
            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();

            // then it comes back, empty
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.restarts() == 1);
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> "PONG".equals(redis.ping()));
            assertThat(redis.get("lost")).isNull();
        } finally {
            engine.close();
        }

        // and closing the stack ends it for good: the supervisor does not start it again
        Thread.sleep(600);
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("")
                .contains("redis")).toList()).isEmpty();
        assertThat(engine.restarts()).isEqualTo(1);
    }

    private static long pid(Path data) throws Exception {
        return Long.parseLong(Files.readString(data.resolve(RedisEngine.PID_FILE)).strip());
    }
}
