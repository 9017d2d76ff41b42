package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.Unavailable;
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

    /** Recovery over a stream with nothing left to consume and an empty ledger: a lost poll comes back at once. */
    private static RecoverPoll drained() {
        return new RecoverPoll(box, box, () -> true, new Ledger(), Duration.ZERO);
    }

    /** The votes table as DynamoDB would hold it, by vote id. */
    private static final class Ledger implements VoteLedger {
        final Map<String, VoteAccepted> stored = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void storeAll(List<VoteAccepted> votes) {
            votes.forEach(v -> stored.putIfAbsent(v.voteId(), v));
        }

        @Override
        public void forEach(String pollId, java.util.function.Consumer<VoteAccepted> sink) {
            stored.values().stream().filter(v -> v.pollId().equals(pollId)).forEach(sink);
        }
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
        var castVote = new CastVote(box, catalogOf(poll), stream, Admissions.NONE, drained(), Clock.fixed(NOW, ZoneOffset.UTC),
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
        var castVote = new CastVote(box, catalogOf(poll), stream, Admissions.NONE, drained(), Clock.fixed(NOW, ZoneOffset.UTC),
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
        var castVote = new CastVote(box, catalogOf(poll), stream, Admissions.NONE, drained(), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ZERO, Runnable::run);

        // when three users vote
        for (String user : List.of("u-1", "u-2", "u-3")) {
            castVote.cast(new CastVoteCommand(poll.pollId(), user, "a", null, null));
        }

        // then all three were appended and settled, so the sweeper finds nothing
        assertThat(stream.appended).hasSize(3);
        assertThat(box.unsent(poll.pollId(), NOW.plusSeconds(1), 10)).isEmpty();
    }

    @Test
    void aPollTheCacheLost_waitsForTheStreamToDrain_thenComesBackWithItsVotersAndTheirKeys() {
        // given two votes cast, one with a key, and stored by the consumer
        Poll poll = poll("lost");
        var stream = new SwitchableStream();
        var ledger = new Ledger();
        boolean[] drained = {false};
        var recovery = new RecoverPoll(box, box, () -> drained[0], ledger, Duration.ZERO);
        var castVote = new CastVote(box, catalogOf(poll), stream, Admissions.NONE, recovery,
                Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1), Runnable::run);
        box.define(poll);
        String first = castVote.cast(new CastVoteCommand(poll.pollId(), "u-1", "a", "key-1", null));
        castVote.cast(new CastVoteCommand(poll.pollId(), "u-2", "b", null, null));
        ledger.storeAll(stream.appended);

        // when the cache loses every key of the poll (a FLUSHALL)
        redis.sync().flushall();

        // then, while the stream may still carry votes, nobody is told anything but "retry"
        assertThatThrownBy(() -> castVote.cast(new CastVoteCommand(poll.pollId(), "u-1", "b", null, null)))
                .isInstanceOfSatisfying(Unavailable.class, e -> assertThat(e.code()).isEqualTo("recovering"));
        assertThat(box.accepted(poll.pollId())).isEmpty();

        // and once it is drained, the poll comes back from storage: the voters cannot vote again, the replay with
        // the key gets its vote back, the counts are the stored ones, and a new voter is counted on top
        drained[0] = true;
        redis.sync().del("{poll:lost}:rebuild"); // the first caller's one-second hold on the check
        assertThatThrownBy(() -> castVote.cast(new CastVoteCommand(poll.pollId(), "u-2", "a", null, null)))
                .isInstanceOfSatisfying(Conflict.class, e -> assertThat(e.code()).isEqualTo("already-voted"));
        assertThat(castVote.cast(new CastVoteCommand(poll.pollId(), "u-1", "b", "key-1", null))).isEqualTo(first);
        castVote.cast(new CastVoteCommand(poll.pollId(), "u-3", "a", null, null));
        assertThat(box.accepted(poll.pollId()).orElseThrow()).isEqualTo(Map.of("a", 2L, "b", 1L));
    }

    @Test
    void anAmendmentNeverDefinesAPollTheCacheLost_butANewPollIsDefinedAtOnce() {
        Poll poll = poll("amended");
        var define = new DefinePoll(new PollCatalog() {
            private boolean saved;

            @Override
            public boolean save(Poll p) {
                boolean created = !saved;
                saved = true;
                return created;
            }

            @Override
            public Optional<Poll> find(String pollId) {
                return saved ? Optional.of(poll) : Optional.empty();
            }

            @Override
            public List<String> recentPollIds() {
                return List.of();
            }
        }, box);

        assertThat(define.define(poll)).isTrue();
        assertThat(box.accepted(poll.pollId())).contains(Map.of("a", 0L, "b", 0L));

        redis.sync().flushall();
        assertThat(define.define(poll)).isFalse();
        assertThat(box.accepted(poll.pollId())).isEmpty();
    }
}
