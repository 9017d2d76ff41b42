package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Appends again every accepted vote that has sat in the outbox longer than {@code GRACE}: its first append
 * failed or timed out, or the process died between accepting and appending. The consumer's idempotency makes
 * a duplicate harmless, so the grace only needs to outlast a normal append.
 */
public final class SweepVoteOutbox {
    public static final Duration GRACE = Duration.ofSeconds(10);
    private static final int BATCH = 1_000;

    /** Votes wait in a poll's outbox for seconds, not days: polls closed longer ago than this have none. */
    static final Duration CLOSED_WITHIN = Duration.ofDays(1);

    private final BallotBox ballotBox;
    private final VoteStream stream;
    private final Clock clock;

    /** Reads only the cache (and Kafka): a sweep never wakes the database. */
    public SweepVoteOutbox(BallotBox ballotBox, VoteStream stream, Clock clock) {
        this.ballotBox = ballotBox;
        this.stream = stream;
        this.clock = clock;
    }

    /** @return how many votes were appended again */
    public int sweep() {
        Instant now = clock.instant();
        var before = now.minus(GRACE);
        int sent = 0;
        for (String pollId : ballotBox.recentPolls(now.minus(CLOSED_WITHIN))) {
            List<VoteAccepted> unsent = ballotBox.unsent(pollId, before, BATCH);
            if (unsent.isEmpty()) continue;
            // the first alone: if the stream is still down, the sweep stops after one bounded wait, not one per vote
            stream.append(unsent.getFirst()).join();
            // the rest at once, so they travel together; all settled once the stream holds them
            List<CompletableFuture<Void>> appends = unsent.subList(1, unsent.size()).stream().map(stream::append).toList();
            appends.forEach(CompletableFuture::join);
            ballotBox.settledAll(unsent);
            sent += unsent.size();
        }
        return sent;
    }
}
