package dev.rushgate.drops.domain;

import dev.rushgate.model.ClaimAccepted;

import java.util.Optional;

/**
 * Durable storage of claims, keyed by claim id. {@link #store} is idempotent: storing a claim already
 * stored changes nothing (not even the drop's confirmed count) and answers false.
 */
public interface ClaimLedger {

    boolean store(ClaimAccepted claim);

    Optional<StoredClaim> find(String dropId, String claimId);

    /** Stored claims of a drop in id (arrival) order. {@code cursor} is one a previous page returned. */
    Page<StoredClaim> page(String dropId, String cursor, int limit);
}
