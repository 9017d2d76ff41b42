package dev.rushgate.platform;

import dev.rushgate.testing.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The marks a sweep reads before it touches the database, on a real Redis. */
class RedisDueWorkIT {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static EmbeddedRedis redis;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @Test
    void aMarkMadeAgainNeverMovesLater_soARunOfChangesCannotPostponeTheFirst() {
        // given trusted marks (a full sweep ran), and one id marked for a minute from now
        var due = new RedisDueWork(redis::sync, "book-" + UUID.randomUUID());
        due.swept(NOW, true, Optional.empty(), true);
        due.due("notices", NOW.plusSeconds(60));

        // when the same id is marked again, later, as each further change would
        due.due("notices", NOW.plusSeconds(90));
        due.due("notices", NOW.plusSeconds(120));

        // then it is due at the first time, and only then
        assertThat(due.check(NOW.plusSeconds(59))).isEqualTo(DueWork.Check.NOTHING_DUE);
        assertThat(due.check(NOW.plusSeconds(61))).isEqualTo(DueWork.Check.DUE);
    }

    @Test
    void marksAreUntrusted_untilAFullSweep_andAgainOnceTheCacheLostThem() {
        var due = new RedisDueWork(redis::sync, "book-" + UUID.randomUUID());
        assertThat(due.check(NOW)).isEqualTo(DueWork.Check.UNKNOWN);

        due.swept(NOW, true, Optional.of(NOW.plusSeconds(300)), true);
        assertThat(due.check(NOW.plusSeconds(10))).isEqualTo(DueWork.Check.NOTHING_DUE);
        assertThat(due.check(NOW.plusSeconds(300))).isEqualTo(DueWork.Check.DUE);

        redis.sync().flushall();
        assertThat(due.check(NOW.plusSeconds(10))).isEqualTo(DueWork.Check.UNKNOWN);
    }
}
