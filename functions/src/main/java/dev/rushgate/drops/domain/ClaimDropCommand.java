package dev.rushgate.drops.domain;

import java.util.Objects;

/**
 * One user's intent to claim from a drop; {@code idempotencyKey} and {@code admissionToken} (the waiting
 * room's, for a gated drop) may be null.
 */
public record ClaimDropCommand(String dropId, String userId, String idempotencyKey, String admissionToken) {
    public ClaimDropCommand {
        Objects.requireNonNull(dropId, "dropId");
        Objects.requireNonNull(userId, "userId");
    }

    public ClaimDropCommand(String dropId, String userId, String idempotencyKey) {
        this(dropId, userId, idempotencyKey, null);
    }
}
