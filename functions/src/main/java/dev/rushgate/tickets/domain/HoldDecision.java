package dev.rushgate.tickets.domain;

import java.time.Instant;

/** What the seat map decided about a hold, in one atomic step. */
public sealed interface HoldDecision {
    /** Every seat was available and within the user's limit: they are now held. */
    record Held(long amountCents, Instant expiresAt) implements HoldDecision {}

    /** Refused with a contract code: seat-unavailable, limit-reached, unknown-seat, not-admitted. */
    record Refused(String code) implements HoldDecision {}

    /** The seat map does not have this show (never loaded, or lost): load it and ask again. */
    record Unknown() implements HoldDecision {}
}
