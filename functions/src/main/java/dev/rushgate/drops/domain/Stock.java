package dev.rushgate.drops.domain;

import dev.rushgate.model.ClaimAccepted;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hot stock of drops. {@link #claim} decides in one atomic step (window, per-user limit, stock,
 * idempotency key) so that accepted never exceeds stock and no user exceeds the limit, however many claim
 * at once. Every accepted claim stays in an outbox until {@link #settled}: what a crash or a failed send
 * leaves there is found by {@link #unsent} and sent again, so an accepted claim always reaches the queue.
 */
public interface Stock {

    /**
     * Sets the terms of a new drop, or updates a known one's; counters of claims already accepted are kept. Only for
     * a drop nothing can have been claimed of: a drop the cache lost is rebuilt by {@link RecoverDrop}.
     */
    void define(Drop drop);

    /** Updates the terms of a drop the cache knows; false (and nothing changed) when it does not know it. */
    boolean amend(Drop drop);

    /**
     * Decides one claim. {@code admittedRoom} is the waiting room the caller holds a checked admission to
     * ("" for none); a drop with a room refuses everyone else with {@code not-admitted}.
     */
    ClaimDecision claim(String dropId, String userId, String claimId, Instant now, String idempotencyKey,
                        String admittedRoom);

    /**
     * As {@link #claim}, also counting in the drop's live counters the refusals this environment answered from memory
     * since its last call, by code (a stock that keeps no live counters ignores them).
     */
    default ClaimDecision claim(String dropId, String userId, String claimId, Instant now, String idempotencyKey,
                                String admittedRoom, java.util.Map<String, Long> refusedFromMemory) {
        return claim(dropId, userId, claimId, now, idempotencyKey, admittedRoom);
    }

    Optional<StockLevel> level(String dropId);

    /** An accepted claim the cache still remembers. */
    Optional<ClaimAccepted> accepted(String dropId, String claimId);

    /** The claim is on the queue: take it out of the outbox. */
    void settled(String dropId, String claimId);

    /** Claims accepted before {@code acceptedBefore} and not yet settled, oldest first. */
    List<ClaimAccepted> unsent(String dropId, Instant acceptedBefore, int max);
}
