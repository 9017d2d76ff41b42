package dev.rushgate.room.domain;

import java.time.Instant;
import java.util.Objects;

/** What an admission token says: {@code userId} may pass {@code roomId}'s gates until {@code expiresAt}. */
public record Admission(String roomId, String userId, String jti, Instant expiresAt) {
    public Admission {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
