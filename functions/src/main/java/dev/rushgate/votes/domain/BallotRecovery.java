package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.RebuildCheck;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The ballot box's side of rebuilding a poll the cache lost (a flush, a failover, a cache restarted empty). Such a
 * poll is never defined again empty, which would let everyone who voted vote again: it is rebuilt from its stored
 * votes once none is still on its way to storage.
 */
public interface BallotRecovery {

    /** Takes the poll's rebuild for {@code hold}, so one caller at a time checks the stream; false when taken. */
    boolean takeRebuild(String pollId, Duration hold);

    /**
     * Records whether the vote stream was just seen {@code drained}, and says whether it has been seen so since
     * {@code settle} before {@code now}.
     */
    RebuildCheck quiet(String pollId, boolean drained, Instant now, Duration settle);

    /**
     * Rebuilds the poll's terms, voters (with their idempotency keys) and counts from its {@code voters}, one stored
     * vote per user, unless the cache knows the poll again.
     */
    void restore(Poll poll, Collection<VoteAccepted> voters);
}
