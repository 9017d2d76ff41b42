package dev.rushgate.drops.domain;

import java.util.Objects;

/** One user's intent to claim from a drop; {@code idempotencyKey} may be null. */
public record ClaimDropCommand(String dropId, String userId, String idempotencyKey) {
    public ClaimDropCommand {
        Objects.requireNonNull(dropId, "dropId");
        Objects.requireNonNull(userId, "userId");
    }
}
