package dev.rushgate.votes.adapter;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.Ids;
import dev.rushgate.testing.EmbeddedRedis;
import dev.rushgate.votes.domain.Poll;
import dev.rushgate.votes.domain.VoteDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RedisBallotBoxIT {

    private static EmbeddedRedis redis;
    private static RedisBallotBox box;
    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start();
        box = new RedisBallotBox(redis::sync);
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static Poll poll(String pollId, String roomId) {
        return new Poll(pollId, "Which?", List.of(new Poll.Option("a", "A"), new Poll.Option("b", "B")),
                NOW.minusSeconds(60), NOW.plusSeconds(60), List.of(), roomId, null);
    }

    private static VoteDecision cast(String pollId, String user, String option, Instant at) {
        return box.cast(pollId, user, Ids.timeOrdered(at.toEpochMilli()), option, at, "", "");
    }

    @Test
    void acceptsOneVotePerUser_evenWhenTheyAllVoteAtOnce() throws Exception {
        // given
        box.define(poll("crowd", null));
        Map<String, AtomicInteger> verdicts = new ConcurrentHashMap<>();

        // when 500 users vote 4 times each, all at once
        try (var pool = Executors.newFixedThreadPool(16)) {
            IntStream.range(0, 2_000).forEach(i -> pool.submit(() -> {
                VoteDecision d = cast("crowd", "u" + (i % 500), i % 2 == 0 ? "a" : "b", NOW);
                String key = d instanceof VoteDecision.Refused r ? r.code() : d.getClass().getSimpleName();
                verdicts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            }));
        }

        // then
        assertThat(verdicts.get("Accepted").get()).isEqualTo(500);
        assertThat(verdicts.get("already-voted").get()).isEqualTo(1_500);
        Map<String, Long> accepted = box.accepted("crowd").orElseThrow();
        assertThat(accepted.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(500);
        assertThat(box.unsent("crowd", NOW.plusSeconds(1), 10_000)).hasSize(500);
    }

    @Test
    void refusesOutsideTheWindow_unknownOptions_andOtherRooms() {
        box.define(poll("rules", null));
        box.define(poll("gated", "room-1"));

        assertThat(cast("rules", "u", "z", NOW)).isEqualTo(new VoteDecision.Refused("unknown-option"));
        assertThat(cast("rules", "u", "a", NOW.minusSeconds(120))).isEqualTo(new VoteDecision.Refused("not-open"));
        assertThat(cast("rules", "u", "a", NOW.plusSeconds(60))).isEqualTo(new VoteDecision.Refused("closed"));
        assertThat(cast("gated", "u", "a", NOW)).isEqualTo(new VoteDecision.Refused("not-admitted"));
        assertThat(box.cast("gated", "u", "v1", "a", NOW, "room-1", "")).isEqualTo(new VoteDecision.Accepted("v1", false));
        assertThat(cast("never", "u", "a", NOW)).isEqualTo(new VoteDecision.UnknownPoll());
        assertThat(box.accepted("rules").orElseThrow()).isEqualTo(Map.of("a", 0L, "b", 0L));
    }

    @Test
    void replaysTheFirstVote_forTheSameIdempotencyKey_only() {
        box.define(poll("idem", null));

        var first = box.cast("idem", "u", "v-1", "a", NOW, "", "key-1");
        var retry = box.cast("idem", "u", "v-2", "a", NOW, "", "key-1");
        var other = box.cast("idem", "u", "v-3", "b", NOW, "", "key-2");

        assertThat(first).isEqualTo(new VoteDecision.Accepted("v-1", false));
        assertThat(retry).isEqualTo(new VoteDecision.Accepted("v-1", true));
        assertThat(other).isEqualTo(new VoteDecision.Refused("already-voted"));
    }

    @Test
    void keepsAnAcceptedVoteInTheOutbox_untilSettled_evenForAUserIdWithBars() {
        box.define(poll("outbox", null));
        box.cast("outbox", "odd|user", "v-9", "b", NOW, "", "");

        List<VoteAccepted> unsent = box.unsent("outbox", NOW.plusSeconds(1), 10);
        assertThat(unsent).containsExactly(new VoteAccepted("outbox", "v-9", "odd|user", "b", NOW.toEpochMilli()));
        assertThat(box.unsent("outbox", NOW.minusSeconds(1), 10)).isEmpty();

        box.settled(unsent.getFirst());

        assertThat(box.unsent("outbox", NOW.plusSeconds(1), 10)).isEmpty();
    }

    @Test
    void restoresAPollInSteps_andARestoreOnceThePollIsKnownAgainChangesNothing() {
        // given 2,500 stored voters (three restore steps), one of them with a key, and a cache that lost the poll
        Poll poll = poll("restored", null);
        List<VoteAccepted> voters = IntStream.range(0, 2_500).mapToObj(i -> new VoteAccepted("restored", "v-" + i,
                "u-" + i, i % 5 == 0 ? "b" : "a", NOW.toEpochMilli(), i == 7 ? "key-7" : null)).toList();

        // when it is restored
        box.restore(poll, voters);

        // then every voter is known, with the counts that sum to them, and the key replays
        assertThat(box.accepted("restored").orElseThrow()).isEqualTo(Map.of("a", 2_000L, "b", 500L));
        assertThat(redis.sync().hlen("{poll:restored}:voters")).isEqualTo(2_500L);
        assertThat(box.cast("restored", "u-7", "new-id", "b", NOW, "", "key-7"))
                .isEqualTo(new VoteDecision.Accepted("v-7", true));
        assertThat(cast("restored", "u-8", "b", NOW)).isEqualTo(new VoteDecision.Refused("already-voted"));

        // and a slower rebuilder, finishing after votes were decided on the restored poll, overwrites none of them
        assertThat(cast("restored", "late", "b", NOW)).isInstanceOf(VoteDecision.Accepted.class);
        box.restore(poll, voters.subList(0, 10));
        assertThat(box.accepted("restored").orElseThrow()).isEqualTo(Map.of("a", 2_000L, "b", 501L));
    }
}
