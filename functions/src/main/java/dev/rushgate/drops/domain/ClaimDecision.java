package dev.rushgate.drops.domain;

/** What the stock decided about one claim, atomically. */
public sealed interface ClaimDecision {

    /** Taken from stock; {@code replay} when an earlier request with the same idempotency key took it. */
    record Accepted(String claimId, boolean replay) implements ClaimDecision {}

    /** Refused with a CONTRACT.md code: sold-out, limit-reached, not-open, closed or not-admitted. */
    record Refused(String code) implements ClaimDecision {}

    /** The cache does not know this drop (never defined, or the cache lost it). */
    record UnknownDrop() implements ClaimDecision {}
}
