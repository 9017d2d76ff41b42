package dev.rushgate.drops.domain;

import java.time.Instant;

/** A claim in durable storage: CONFIRMED. {@code idempotencyKey} is the caller's, or null. */
public record StoredClaim(String dropId, String claimId, String userId, Instant acceptedAt, Instant storedAt,
                          String idempotencyKey) {}
