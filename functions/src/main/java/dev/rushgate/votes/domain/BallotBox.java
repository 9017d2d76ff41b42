package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hot side of polls. {@link #cast} decides in one atomic step (window, option, room, one vote per user)
 * and counts the vote, so {@code accepted} is exact however many vote at once. Every accepted vote stays in an
 * outbox until {@link #settled}: what a failed send or a crash leaves there is found by {@link #unsent} and sent
 * again, so an accepted vote always reaches the vote stream.
 */
public interface BallotBox {

    /** Sets or updates the poll's terms; votes already accepted are kept. */
    void define(Poll poll);

    /**
     * Updates the terms of a poll the cache knows; false, changing nothing, when it does not (a poll the cache lost is
     * rebuilt from its stored votes, never defined again empty).
     */
    boolean amend(Poll poll);

    /**
     * Decides one vote. {@code admittedRoom} is the waiting room the caller holds a checked admission to ("" for
     * none); a poll with a room refuses everyone else with {@code not-admitted}.
     */
    VoteDecision cast(String pollId, String userId, String voteId, String optionId, Instant now, String admittedRoom,
                      String idempotencyKey);

    /**
     * As {@link #cast}, also counting in the poll's live counters the refusals this environment answered from memory
     * since its last call, by code (a ballot box that keeps no live counters ignores them).
     */
    default VoteDecision cast(String pollId, String userId, String voteId, String optionId, Instant now,
                              String admittedRoom, String idempotencyKey, Map<String, Long> refusedFromMemory) {
        return cast(pollId, userId, voteId, optionId, now, admittedRoom, idempotencyKey);
    }

    /** Votes accepted per option; empty when the cache does not know the poll. */
    Optional<Map<String, Long>> accepted(String pollId);

    /** The vote is on the stream: take it out of the outbox. */
    void settled(VoteAccepted vote);

    /** As {@link #settled}, for many votes at once. */
    void settledAll(List<VoteAccepted> votes);

    /**
     * Polls the cache knows that close at or after {@code closingSince}: the ones whose outbox may hold votes, which
     * the outbox sweep looks through (so it never asks the database).
     */
    List<String> recentPolls(Instant closingSince);

    /** Votes accepted before {@code acceptedBefore} and not yet settled, oldest first. */
    List<VoteAccepted> unsent(String pollId, Instant acceptedBefore, int max);
}
