package dev.rushgate.model;

/**
 * A claim the hot path accepted, on its way to durable storage through the claims queue. Consumers are
 * idempotent by {@code claimId}: the same event delivered twice is stored once.
 *
 * @param acceptedAt epoch milliseconds at which Redis accepted it
 */
public record ClaimAccepted(String dropId, String claimId, String userId, long acceptedAt) {
    public ClaimAccepted {
        if (dropId == null || dropId.isBlank()) throw new IllegalArgumentException("dropId");
        if (claimId == null || claimId.isBlank()) throw new IllegalArgumentException("claimId");
        if (userId == null || userId.isBlank()) throw new IllegalArgumentException("userId");
        if (acceptedAt <= 0) throw new IllegalArgumentException("acceptedAt");
    }
}
