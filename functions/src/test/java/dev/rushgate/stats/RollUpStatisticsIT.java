package dev.rushgate.stats;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.ops.schema.SchemaMigrations;
import dev.rushgate.platform.errors.Forbidden;
import dev.rushgate.platform.errors.NotFound;
import dev.rushgate.stats.adapter.JdbcEventFacts;
import dev.rushgate.stats.adapter.JdbcStatisticsStore;
import dev.rushgate.stats.adapter.RedisLiveTallies;
import dev.rushgate.stats.domain.EventFacts;
import dev.rushgate.stats.domain.EventStatistics;
import dev.rushgate.stats.domain.ReadStatistics;
import dev.rushgate.stats.domain.RollUpStatistics;
import dev.rushgate.testing.EmbeddedRedis;
import dev.rushgate.votes.adapter.JdbcPollCatalog;
import dev.rushgate.votes.adapter.JdbcTallyBook;
import dev.rushgate.votes.adapter.RedisBallotBox;
import dev.rushgate.votes.domain.Poll;
import dev.rushgate.votes.domain.VoteDecision;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The roll-up on the real engines: votes decided by the real script on Redis (which counts answers per second and
 * refused users), persisted by the real tally book, rolled up into PostgreSQL by the real store. Times are a few
 * minutes ahead of the wall clock, so every second the test writes is still in the cache's window.
 */
class RollUpStatisticsIT {

    private static EmbeddedPostgres postgres;
    private static EmbeddedRedis redis;
    private static JdbcPollCatalog polls;
    private static JdbcTallyBook tallies;
    private static RedisBallotBox ballots;
    private static JdbcStatisticsStore store;
    private static final AtomicReference<Instant> now = new AtomicReference<>();
    private static RollUpStatistics rollUp;

    /** The start of a minute in the near future: the first minute of each test's votes. */
    private static final long BASE = (Instant.now().getEpochSecond() / 60 + 2) * 60;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        new SchemaMigrations(postgres.getPostgresDatabase()).migrate();
        redis = EmbeddedRedis.start();
        polls = new JdbcPollCatalog(postgres::getPostgresDatabase);
        tallies = new JdbcTallyBook(postgres::getPostgresDatabase);
        ballots = new RedisBallotBox(redis::sync);
        store = new JdbcStatisticsStore(postgres::getPostgresDatabase);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        EventFacts rooms = id -> Optional.of(new EventFacts.Facts(null, null, 0));
        rollUp = new RollUpStatistics(new RedisLiveTallies(redis::sync),
                Map.of("poll", JdbcEventFacts.polls(postgres::getPostgresDatabase), "room", rooms), store, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
        postgres.close();
    }

    private static Poll poll(String id, String owner) {
        Poll poll = new Poll(id, "Which?", List.of(new Poll.Option("a", "A"), new Poll.Option("b", "B")),
                Instant.ofEpochSecond(BASE - 3600), Instant.ofEpochSecond(BASE + 3600), List.of(), null, null, owner);
        polls.save(poll);
        ballots.define(poll);
        return poll;
    }

    /** Casts a vote at {@code at}; an accepted one is persisted, as the consumer would. */
    private static VoteDecision vote(Poll poll, String user, String option, Instant at) {
        String voteId = poll.pollId() + "-" + user + "-" + at.toEpochMilli();
        VoteDecision decision = ballots.cast(poll.pollId(), user, voteId, option, at, null, null, Map.of());
        if (decision instanceof VoteDecision.Accepted) {
            tallies.count(List.of(new VoteAccepted(poll.pollId(), voteId, user, option, at.toEpochMilli())),
                    Map.of(poll.pollId(), poll));
        }
        return decision;
    }

    /** Three accepted votes over two minutes, two already-voted refusals of u1 and one unknown option of u2. */
    private static Poll rush(String id) {
        Poll poll = poll(id, "owner-1");
        vote(poll, "u1", "a", Instant.ofEpochSecond(BASE + 5));
        vote(poll, "u1", "b", Instant.ofEpochSecond(BASE + 6));
        vote(poll, "u2", "zzz", Instant.ofEpochSecond(BASE + 59));
        vote(poll, "u2", "b", Instant.ofEpochSecond(BASE + 60));
        vote(poll, "u3", "a", Instant.ofEpochSecond(BASE + 61));
        vote(poll, "u1", "a", Instant.ofEpochSecond(BASE + 119));
        return poll;
    }

    private static EventStatistics read(String pollId) {
        return new ReadStatistics(store).read("poll", pollId, "admin-1", true);
    }

    private static void assertTheRushCountedOnce(EventStatistics stats) {
        assertThat(stats.totals()).containsExactlyInAnyOrderEntriesOf(
                Map.of("accepted", 3L, "already-voted", 2L, "unknown-option", 1L));
        assertThat(stats.minutes()).extracting(EventStatistics.MinuteCounts::minute)
                .containsExactly(Instant.ofEpochSecond(BASE), Instant.ofEpochSecond(BASE + 60));
        assertThat(stats.minutes().get(0).counts()).containsExactlyInAnyOrderEntriesOf(
                Map.of("accepted", 1L, "already-voted", 1L, "unknown-option", 1L));
        assertThat(stats.minutes().get(1).counts()).containsExactlyInAnyOrderEntriesOf(
                Map.of("accepted", 2L, "already-voted", 1L));
        assertThat(stats.funnel()).containsExactly(new EventStatistics.Stage("requests", 6),
                new EventStatistics.Stage("voted", 3), new EventStatistics.Stage("counted", 3));
        assertThat(stats.refusals()).containsExactlyInAnyOrderEntriesOf(
                Map.of("already-voted", 2L, "unknown-option", 1L));
        assertThat(stats.refusedUsers()).containsExactly(new EventStatistics.RefusedUser("u1", 2),
                new EventStatistics.RefusedUser("u2", 1));
    }

    @Test
    void rollingUpAgainAndAgain_countsNothingTwice() {
        // given
        Poll poll = rush("twice");
        now.set(Instant.ofEpochSecond(BASE + 180 + 15));

        // when
        rollUp.rollUp();
        EventStatistics once = read(poll.pollId());
        rollUp.rollUp();
        rollUp.rollUp();
        EventStatistics thrice = read(poll.pollId());

        // then
        assertTheRushCountedOnce(once);
        assertThat(thrice).isEqualTo(once);
        assertThat(once.complete()).isTrue();
        assertThat(once.rolledTo()).isEqualTo(Instant.ofEpochSecond(BASE + 180));
    }

    @Test
    void aCrashMidRollUp_leavesNothingHalfWritten_andTheRerunCountsOnce() throws SQLException {
        // given a rush rolled up once, then more votes, then a roll-up that dies after writing its minutes
        Poll poll = rush("crash");
        now.set(Instant.ofEpochSecond(BASE + 75));
        rollUp.rollUp();
        EventStatistics before = read(poll.pollId());
        now.set(Instant.ofEpochSecond(BASE + 180 + 15));
        try (AutoCloseable crash = failingProgressWrites()) {
            assertThatThrownBy(rollUp::rollUp).isInstanceOf(IllegalStateException.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        EventStatistics afterCrash = read(poll.pollId());

        // when it runs again, twice
        rollUp.rollUp();
        rollUp.rollUp();

        // then the crash changed nothing, and the re-runs counted every vote once
        assertThat(afterCrash).isEqualTo(before);
        assertTheRushCountedOnce(read(poll.pollId()));
    }

    @Test
    void theMinuteUnderWay_isWrittenAsItStands_thenWhole() {
        // given
        Poll poll = poll("under-way", null);
        vote(poll, "u1", "a", Instant.ofEpochSecond(BASE + 1));
        now.set(Instant.ofEpochSecond(BASE + 30));
        rollUp.rollUp();
        EventStatistics partial = read(poll.pollId());

        // when the minute goes on, and is rolled up once it is over
        vote(poll, "u2", "a", Instant.ofEpochSecond(BASE + 40));
        vote(poll, "u2", "b", Instant.ofEpochSecond(BASE + 50));
        now.set(Instant.ofEpochSecond(BASE + 50));
        rollUp.rollUp();
        now.set(Instant.ofEpochSecond(BASE + 60 + 15));
        rollUp.rollUp();

        // then
        assertThat(partial.totals()).containsExactlyEntriesOf(Map.of("accepted", 1L));
        assertThat(read(poll.pollId()).totals()).containsExactlyInAnyOrderEntriesOf(
                Map.of("accepted", 2L, "already-voted", 1L));
    }

    @Test
    void minutesGoneFromTheCacheBeforeTheRollUp_areCountedMissed_once() {
        // given a poll rolled up once, then a roll-up that does not come for two hours
        Poll poll = rush("missed");
        now.set(Instant.ofEpochSecond(BASE + 180 + 15));
        rollUp.rollUp();
        now.set(Instant.ofEpochSecond(BASE + 180 + 2 * 3600 + 15));

        // when
        rollUp.rollUp();
        rollUp.rollUp();

        // then the minutes no longer whole in the cache are reported once (from the last progress to the first
        // minute whose 60 seconds are all kept: 61, the last of them in part), and what was copied before is kept
        EventStatistics stats = read(poll.pollId());
        assertThat(stats.complete()).isFalse();
        assertThat(stats.missedMinutes()).isEqualTo(61);
        assertTheRushCountedOnce(stats);
    }

    @Test
    void aQuietEvent_isRolledUpAtMostEvery50Seconds_andCatchesUpThen() {
        // given a poll whose only vote is long past, rolled up once
        Poll poll = poll("quiet", null);
        vote(poll, "u1", "a", Instant.ofEpochSecond(BASE + 5));
        now.set(Instant.ofEpochSecond(BASE + 600));
        rollUp.rollUp();

        // when a vote is persisted that the cache never answered (as after a rebuild), and the job runs again
        tallies.count(List.of(new VoteAccepted(poll.pollId(), "quiet-late", "u2", "b", (BASE + 6) * 1000)),
                Map.of(poll.pollId(), poll));
        now.set(Instant.ofEpochSecond(BASE + 630));
        rollUp.rollUp();
        long halfAMinuteLater = read(poll.pollId()).funnel().getLast().count();
        now.set(Instant.ofEpochSecond(BASE + 661));
        rollUp.rollUp();

        // then the run half a minute later left the quiet poll alone, and the one a minute later caught up
        assertThat(halfAMinuteLater).isEqualTo(1);
        EventStatistics stats = read(poll.pollId());
        assertThat(stats.funnel().getLast()).isEqualTo(new EventStatistics.Stage("counted", 2));
        assertThat(stats.totals()).containsExactlyEntriesOf(Map.of("accepted", 1L));
        assertThat(stats.rolledTo()).isEqualTo(Instant.ofEpochSecond(BASE + 600));
    }

    @Test
    void theOwnerAndAdminsRead_othersAreForbidden_andUnknownEventsAreNotFound() {
        // given
        rush("owned");
        now.set(Instant.ofEpochSecond(BASE + 180 + 15));
        rollUp.rollUp();
        ReadStatistics statistics = new ReadStatistics(store);

        // then
        assertThat(statistics.read("poll", "owned", "owner-1", false).ownerId()).isEqualTo("owner-1");
        assertThat(statistics.read("poll", "owned", "someone", true).totals()).containsEntry("accepted", 3L);
        assertThatThrownBy(() -> statistics.read("poll", "owned", "someone", false)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> statistics.read("poll", "nowhere", "owner-1", true)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> statistics.read("feed", "owned", "owner-1", true)).isInstanceOf(NotFound.class);
    }

    /** Until closed, the database refuses to move any event's progress: a roll-up dies after writing its minutes. */
    private static AutoCloseable failingProgressWrites() throws SQLException {
        List<String> setUp = new ArrayList<>(List.of("""
                create function rushgate.crash() returns trigger language plpgsql as $$
                begin raise exception 'crashed mid roll-up'; end $$""",
                "create trigger crash before insert or update on rushgate.stats_events "
                        + "for each row execute function rushgate.crash()"));
        try (Connection c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
            for (String sql : setUp) s.execute(sql);
        }
        return () -> {
            try (Connection c = postgres.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                s.execute("drop trigger crash on rushgate.stats_events");
                s.execute("drop function rushgate.crash()");
            }
        };
    }
}
