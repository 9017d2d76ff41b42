package dev.rushgate.votes.domain;

/** What the ballot box decided about one vote, atomically. */
public sealed interface VoteDecision {

    /** Counted; {@code replay} when an earlier request with the same idempotency key cast it. */
    record Accepted(String voteId, boolean replay) implements VoteDecision {}

    /** Refused with a CONTRACT.md code: already-voted, unknown-option, not-open, closed or not-admitted. */
    record Refused(String code) implements VoteDecision {}

    /** The cache does not know this poll (never defined, or the cache lost it). */
    record UnknownPoll() implements VoteDecision {}
}
