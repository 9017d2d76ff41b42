package dev.rushgate.votes.adapter;

import dev.rushgate.testing.EmbeddedRedis;
import dev.rushgate.votes.domain.Poll;
import dev.rushgate.votes.domain.RememberedClosures;
import dev.rushgate.votes.domain.VoteDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals of a closed poll from memory over the real ballot box: the cache's own count of script calls shows that
 * late voters stop reaching it, while every answer stays the one the ballot box would give.
 */
class RememberedClosuresIT {

    private static final Instant OPENS = Instant.parse("2026-11-23T20:00:00Z");
    private static final Instant CLOSES = OPENS.plusSeconds(60);
    private static final Instant LATE = CLOSES.plusSeconds(1);
    private static EmbeddedRedis redis;
    private static RedisBallotBox redisBox;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        redisBox = new RedisBallotBox(redis::sync);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static long scriptCalls() {
        return redis.scriptCalls();
    }

    private static Poll poll(String pollId, Instant closesAt, String roomId) {
        return new Poll(pollId, "Which?", List.of(new Poll.Option("a", "A"), new Poll.Option("b", "B")), OPENS,
                closesAt, List.of(), roomId, null);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void answersLateVotersOfAClosedPollFromMemory_butSendsReplaysAndVotesAfterTheBoundToTheBallotBox() {
        // given a poll with one vote cast (with a key) before it closed, and an environment that remembers closures
        String pollId = "mem-" + id().substring(0, 8);
        AtomicLong clock = new AtomicLong();
        var box = new RememberedClosures(redisBox, redisBox::closedPoll, Duration.ofSeconds(1), clock::get);
        box.define(poll(pollId, CLOSES, null));
        assertThat(box.cast(pollId, "early", "v-early", "a", OPENS.plusSeconds(1), "", "key-early"))
                .isEqualTo(new VoteDecision.Accepted("v-early", false));

        // when the first late vote is refused by the ballot box, then 1,000 more arrive within the bound, and a
        // late vote for an option the poll does not have
        long before = scriptCalls();
        assertThat(box.cast(pollId, "late-0", id(), "a", LATE, "", "")).isEqualTo(new VoteDecision.Refused("closed"));
        for (int i = 1; i <= 1_000; i++) {
            assertThat(box.cast(pollId, "late-" + i, id(), i % 2 == 0 ? "a" : "b", LATE, "", ""))
                    .isEqualTo(new VoteDecision.Refused("closed"));
        }
        assertThat(box.cast(pollId, "late-x", id(), "z", LATE, "", ""))
                .isEqualTo(new VoteDecision.Refused("unknown-option"));

        // then the cache ran the cast script once for all of them, and each answer is the ballot box's own
        assertThat(scriptCalls() - before).isEqualTo(1);
        assertThat(redisBox.cast(pollId, "late-x", id(), "z", LATE, "", ""))
                .isEqualTo(new VoteDecision.Refused("unknown-option"));
        assertThat(redisBox.cast(pollId, "early", id(), "b", LATE, "", "")).isEqualTo(new VoteDecision.Refused("closed"));
        // and the early voter replaying with its key still gets its vote, from the ballot box
        before = scriptCalls();
        assertThat(box.cast(pollId, "early", id(), "a", LATE, "", "key-early"))
                .isEqualTo(new VoteDecision.Accepted("v-early", true));
        assertThat(scriptCalls() - before).isEqualTo(1);

        // when another environment re-opens the poll (as PUT /v1/admin/polls does)
        redisBox.define(poll(pollId, LATE.plusSeconds(600), null));

        // then within the bound this environment still refuses from memory, and after it asks the ballot box again
        assertThat(box.cast(pollId, "late-y", id(), "a", LATE, "", "")).isEqualTo(new VoteDecision.Refused("closed"));
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(box.cast(pollId, "late-y", "v-y", "a", LATE, "", "")).isEqualTo(new VoteDecision.Accepted("v-y", false));
    }

    @Test
    void refusesVotersFromOutsideAGatedPollsRoomFromMemory_andRemembersNothingWhenTurnedOff() {
        // given a closed poll behind a room, remembered by one environment, and one with memory turned off
        String pollId = "gated-" + id().substring(0, 8);
        AtomicLong clock = new AtomicLong();
        var box = new RememberedClosures(redisBox, redisBox::closedPoll, Duration.ofSeconds(1), clock::get);
        var off = new RememberedClosures(redisBox, redisBox::closedPoll, Duration.ZERO, clock::get);
        box.define(poll(pollId, CLOSES, "room-1"));
        assertThat(box.cast(pollId, "u-0", id(), "a", LATE, "room-1", "")).isEqualTo(new VoteDecision.Refused("closed"));

        // when
        long before = scriptCalls();
        var outsider = box.cast(pollId, "u-1", id(), "a", LATE, "", "");
        var admitted = box.cast(pollId, "u-2", id(), "a", LATE, "room-1", "");
        long remembered = scriptCalls() - before;
        off.cast(pollId, "u-3", id(), "a", LATE, "room-1", "");
        off.cast(pollId, "u-4", id(), "a", LATE, "room-1", "");

        // then
        assertThat(outsider).isEqualTo(new VoteDecision.Refused("not-admitted"));
        assertThat(admitted).isEqualTo(new VoteDecision.Refused("closed"));
        assertThat(remembered).isZero();
        assertThat(scriptCalls() - before).isEqualTo(2);
    }
}
