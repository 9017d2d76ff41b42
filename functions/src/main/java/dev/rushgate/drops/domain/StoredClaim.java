package dev.rushgate.drops.domain;

import java.time.Instant;

/** A claim in durable storage: CONFIRMED. */
public record StoredClaim(String dropId, String claimId, String userId, Instant acceptedAt, Instant storedAt) {}
