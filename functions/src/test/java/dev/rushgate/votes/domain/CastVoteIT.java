package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.testing.EmbeddedRedis;
import dev.rushgate.votes.adapter.RedisBallotBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Casting against the real Redis ballot box, with a vote stream that is down and then back: an accepted
 * vote is never lost, and a refused one never reaches the stream.
 */
class CastVoteIT {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private static EmbeddedRedis redis;
    private static RedisBallotBox box;

    /** A Kafka that can be switched off: appends fail while it is down, as the real producer's do. */
    private static final class SwitchableStream implements VoteStream {
        final List<VoteAccepted> appended = new ArrayList<>();
        boolean down;

        @Override
        public CompletableFuture<Void> append(VoteAccepted vote) {
            if (down) return CompletableFuture.failedFuture(new IllegalStateException("Kafka did not confirm the record"));
            appended.add(vote);
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The catalog as PostgreSQL would hold it: one poll. */
    private static PollCatalog catalogOf(Poll poll) {
        return new PollCatalog() {
            @Override
            public boolean save(Poll p) {
                return false;
            }

            @Override
            public Optional<Poll> find(String pollId) {
                return pollId.equals(poll.pollId()) ? Optional.of(poll) : Optional.empty();
            }

            @Override
            public List<String> recentPollIds() {
                return List.of(poll.pollId());
            }
        };
    }

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start();
        box = new RedisBallotBox(redis::sync);
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    private static Poll poll(String id) {
        return new Poll(id, "Which?", List.of(new Poll.Option("a", "A"), new Poll.Option("b", "B")),
                NOW.minusSeconds(60), NOW.plusSeconds(3600), List.of(), null, null);
    }

    @Test
    void acceptedVoteStaysInTheOutbox_whenKafkaIsDown_andTheSweeperAppendsItOnceKafkaIsBack() {
        // given Kafka is down, and the poll is only in the catalog (the cache lost it)
        Poll poll = poll("kafka-down");
        var stream = new SwitchableStream();
        stream.down = true;
        var castVote = new CastVote(box, catalogOf(poll), stream, Admissions.NONE, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofSeconds(1), Runnable::run);

        // when a user votes
        String voteId = castVote.cast(new CastVoteCommand(poll.pollId(), "u-1", "a", null, null));

        // then the vote is accepted and counted, nothing reached Kafka, and the vote waits in the outbox
        assertThat(voteId).isNotBlank();
        assertThat(box.accepted(poll.pollId()).orElseThrow()).isEqualTo(Map.of("a", 1L, "b", 0L));
        assertThat(stream.appended).isEmpty();
        assertThat(box.unsent(poll.pollId(), NOW.plusSeconds(1), 10)).extracting(VoteAccepted::voteId)
                .containsExactly(voteId);

        // and when Kafka is back, the sweeper appends it once and empties the outbox
        stream.down = false;
        var sweep = new SweepVoteOutbox(box, stream,
                Clock.fixed(NOW.plus(SweepVoteOutbox.GRACE).plusSeconds(1), ZoneOffset.UTC));
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(sweep.sweep()).isZero();
        assertThat(stream.appended).extracting(VoteAccepted::voteId).containsExactly(voteId);
        assertThat(stream.appended.getFirst().optionId()).isEqualTo("a");
    }

    @Test
    void appendsAndSettles_whenKafkaIsUp_andRefusalsNeverReachTheStream() {
        Poll poll = poll("kafka-up");
        var stream = new SwitchableStream();
        var castVote = new CastVote(box, catalogOf(poll), stream, Admissions.NONE, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofSeconds(1), Runnable::run);

        String voteId = castVote.cast(new CastVoteCommand(poll.pollId(), "u-1", "b", null, null));

        assertThatThrownBy(() -> castVote.cast(new CastVoteCommand(poll.pollId(), "u-1", "a", null, null)))
                .isInstanceOf(Conflict.class).hasMessageContaining("already voted");
        assertThatThrownBy(() -> castVote.cast(new CastVoteCommand(poll.pollId(), "u-2", "zz", null, null)))
                .isInstanceOfSatisfying(BadInput.class, e -> assertThat(e.code()).isEqualTo("unknown-option"));
        assertThat(stream.appended).extracting(VoteAccepted::voteId).containsExactly(voteId);
        assertThat(box.unsent(poll.pollId(), NOW.plusSeconds(1), 10)).isEmpty();
    }

    @Test
    void settlesInTheBackground_whenItAnswersWithoutWaitingForKafka() {
        // given a caster that answers as soon as the vote is in the outbox (the local stack's way)
        Poll poll = poll("no-wait");
        var stream = new SwitchableStream();
        var castVote = new CastVote(box, catalogOf(poll), stream, Admissions.NONE, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ZERO, Runnable::run);

        // when three users vote
        for (String user : List.of("u-1", "u-2", "u-3")) {
            castVote.cast(new CastVoteCommand(poll.pollId(), user, "a", null, null));
        }

        // then all three were appended and settled, so the sweeper finds nothing
        assertThat(stream.appended).hasSize(3);
        assertThat(box.unsent(poll.pollId(), NOW.plusSeconds(1), 10)).isEmpty();
    }
}
