package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.errors.Unavailable;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Brings back a poll the cache lost, exactly: nobody who was told 202 can vote again, and a replay with the key still
 * gets its vote back.
 *
 * <p>Why waiting for a drained vote stream makes it exact: every vote answered 202 was decided in the cache and
 * appended to the votes topic (within the producer's bound; or it waits in the cache's outbox, which the loss took
 * too: see docs/chaos.md). Once the cache has lost the poll no vote of it is accepted, so from then on its votes on
 * the way can only reach storage. When count-votes has consumed everything for {@code settle} (longer than an append
 * may take) and set no batch aside, every vote accepted before the loss is stored, and the stored votes are the whole
 * truth. A failed batch keeps polls waiting until an operator redrives it: its votes were accepted, so they count.
 *
 * <p>A poll that cannot have opened yet has no votes, and is defined again at once. Until the rebuild, callers are
 * told to retry ({@link #recover} is false). One caller at a time checks the stream; the others wait without a call
 * to Kafka.
 */
public final class RecoverPoll {
    /** How long one caller holds the check, which also spaces the checks out. */
    static final Duration HOLD = Duration.ofSeconds(1);
    /** No vote is decided this long before a poll opens, whatever an environment's clock says. */
    static final Duration NOT_OPEN_MARGIN = Duration.ofSeconds(5);

    private final BallotBox ballotBox;
    private final BallotRecovery recovery;
    private final VotePipeline pipeline;
    private final VoteLedger ledger;
    private final Duration settle;

    public RecoverPoll(BallotBox ballotBox, BallotRecovery recovery, VotePipeline pipeline, VoteLedger ledger,
                       Duration settle) {
        this.ballotBox = ballotBox;
        this.recovery = recovery;
        this.pipeline = pipeline;
        this.ledger = ledger;
        this.settle = settle;
    }

    /** True when the cache knows {@code poll} again (rebuilt now or by someone else); false: try again later. */
    public boolean recover(Poll poll, Instant now) {
        if (now.isBefore(poll.opensAt().minus(NOT_OPEN_MARGIN))) {
            ballotBox.define(poll);
            return true;
        }
        if (!recovery.takeRebuild(poll.pollId(), HOLD)) return false;
        return switch (recovery.quiet(poll.pollId(), pipeline.drained(), now, settle)) {
            case KNOWN -> true;
            case WAIT -> false;
            case REBUILD -> {
                recovery.restore(poll, voters(poll.pollId()));
                yield true;
            }
        };
    }

    /**
     * Each voter's stored vote: the earliest, should storage hold two (which only a loss of the cache before this
     * rebuild existed could cause).
     */
    private java.util.Collection<VoteAccepted> voters(String pollId) {
        Map<String, VoteAccepted> byUser = new HashMap<>();
        ledger.forEach(pollId, vote -> byUser.merge(vote.userId(), vote,
                (a, b) -> a.acceptedAt() < b.acceptedAt() || (a.acceptedAt() == b.acceptedAt()
                        && a.voteId().compareTo(b.voteId()) <= 0) ? a : b));
        return byUser.values();
    }

    /** The answer while a poll the cache lost waits for its rebuild: 503 {@code recovering}, try again in a second. */
    static Unavailable recovering(String pollId) {
        return new Unavailable("recovering", "Poll " + pollId + " is being rebuilt from storage after the cache lost "
                + "it; nothing you were told is lost. Try again shortly.", Duration.ofSeconds(1));
    }
}
