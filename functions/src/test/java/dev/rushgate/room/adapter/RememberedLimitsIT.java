package dev.rushgate.room.adapter;

import dev.rushgate.room.domain.Entering;
import dev.rushgate.room.domain.RememberedLimits;
import dev.rushgate.room.domain.Room;
import dev.rushgate.testing.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals over a room's per-user entry limit from memory, over the real line: the cache's own count of script calls
 * shows a hammering client stops reaching it, every answer stays the line's, and the room still counts every refusal.
 */
class RememberedLimitsIT {

    private static final Instant OPENS = Instant.parse("2026-11-23T20:00:00Z");
    private static EmbeddedRedis redis;
    private static RedisWaitingLine redisLine;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        redisLine = new RedisWaitingLine(redis::async);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static long scriptCalls() {
        return redis.scriptCalls();
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void refusesAUserOverTheLimitFromMemoryUntilTheMinuteEnds_andTheRoomStillCountsEveryRefusal() {
        // given a room of 2 entries per user per minute, a user over it, and an environment that remembers
        String roomId = "limits-" + id().substring(0, 8);
        AtomicLong clock = new AtomicLong();
        var line = new RememberedLimits(redisLine, Duration.ofSeconds(1), clock::get);
        Instant now = OPENS.plusSeconds(10);
        line.define(new Room(roomId, 10, Duration.ofMinutes(10), OPENS, Duration.ofMinutes(10), 2, 0), now);
        line.enter(roomId, "bot", id(), "10.0.0.1", now);
        line.enter(roomId, "bot", id(), "10.0.0.1", now);

        // when the line refuses the third entry, then the bot tries 1,000 more times within the bound
        long before = scriptCalls();
        Entering first = line.enter(roomId, "bot", id(), "10.0.0.1", now);
        Entering remembered = null;
        for (int i = 0; i < 1_000; i++) remembered = line.enter(roomId, "bot", id(), "10.0.0.1", now.plusMillis(i));

        // then the cache ran the room script once, and the answers are the line's, with the same minute's end
        assertThat(scriptCalls() - before).isEqualTo(1);
        assertThat(first).isEqualTo(new Entering.RateLimited(Duration.ofSeconds(50), true));
        assertThat(remembered).isEqualTo(new Entering.RateLimited(Duration.ofMillis(50_000 - 999), true));

        // when someone else enters through the same environment
        assertThat(line.enter(roomId, "fan", id(), "10.0.0.2", now)).isInstanceOf(Entering.Placed.class);

        // then the room counts all 1,001 refusals
        assertThat(redisLine.view(roomId, now).orElseThrow().refusedUser()).isEqualTo(1_001);

        // and once the minute is over the bot goes to the line again, which lets it in
        before = scriptCalls();
        assertThat(line.enter(roomId, "bot", id(), "10.0.0.1", OPENS.plusSeconds(60)))
                .isInstanceOf(Entering.Placed.class);
        assertThat(scriptCalls() - before).isEqualTo(1);
    }

    @Test
    void asksTheLineAgainAfterTheBound_andNeverRemembersTheAddressLimit() {
        // given a room of 1 entry per user and 3 per address a minute
        String roomId = "bound-" + id().substring(0, 8);
        AtomicLong clock = new AtomicLong();
        var line = new RememberedLimits(redisLine, Duration.ofSeconds(1), clock::get);
        Instant now = OPENS.plusSeconds(10);
        line.define(new Room(roomId, 10, Duration.ofMinutes(10), OPENS, Duration.ofMinutes(10), 1, 3), now);
        line.enter(roomId, "bot", id(), "10.0.0.9", now);
        assertThat(line.enter(roomId, "bot", id(), "10.0.0.9", now)).isEqualTo(
                new Entering.RateLimited(Duration.ofSeconds(50), true));

        // when the bound passes, the user tries again; and three others come from one address
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        long before = scriptCalls();
        line.enter(roomId, "bot", id(), "10.0.0.9", now);
        long afterBound = scriptCalls() - before;
        line.enter(roomId, "a", id(), "10.0.0.7", now);
        line.enter(roomId, "b", id(), "10.0.0.7", now);
        line.enter(roomId, "c", id(), "10.0.0.7", now);
        Entering byAddress = line.enter(roomId, "d", id(), "10.0.0.7", now);
        before = scriptCalls();
        line.enter(roomId, "d", id(), "10.0.0.7", now);

        // then
        assertThat(afterBound).isEqualTo(1);
        assertThat(byAddress).isEqualTo(new Entering.RateLimited(Duration.ofSeconds(50), false));
        assertThat(scriptCalls() - before).isEqualTo(1);
    }
}
