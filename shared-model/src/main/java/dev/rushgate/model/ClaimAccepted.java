package dev.rushgate.model;

/**
 * A claim the hot path accepted, on its way to durable storage through the claims queue. Consumers are
 * idempotent by {@code claimId}: the same event delivered twice is stored once.
 *
 * @param acceptedAt     epoch milliseconds at which Redis accepted it
 * @param idempotencyKey the caller's {@code Idempotency-Key}, or null: stored with the claim, so that a cache rebuilt
 *                       from storage still answers a retry with this claim
 */
public record ClaimAccepted(String dropId, String claimId, String userId, long acceptedAt, String idempotencyKey) {
    public ClaimAccepted {
        if (dropId == null || dropId.isBlank()) throw new IllegalArgumentException("dropId");
        if (claimId == null || claimId.isBlank()) throw new IllegalArgumentException("claimId");
        if (userId == null || userId.isBlank()) throw new IllegalArgumentException("userId");
        if (acceptedAt <= 0) throw new IllegalArgumentException("acceptedAt");
        if (idempotencyKey != null && idempotencyKey.isEmpty()) idempotencyKey = null;
    }

    /** A claim made without an {@code Idempotency-Key}. */
    public ClaimAccepted(String dropId, String claimId, String userId, long acceptedAt) {
        this(dropId, claimId, userId, acceptedAt, null);
    }
}
