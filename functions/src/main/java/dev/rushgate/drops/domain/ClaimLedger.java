package dev.rushgate.drops.domain;

import dev.rushgate.model.ClaimAccepted;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable storage of claims, keyed by claim id. Storing is idempotent: a claim already stored changes
 * nothing (not even the drop's confirmed count). A failure stores nothing of the claims it names, so the
 * whole call may be retried.
 */
public interface ClaimLedger {

    /** Stores what is not stored yet; returns the ids this call stored (the rest were there before). */
    Set<String> storeAll(List<ClaimAccepted> claims);

    default boolean store(ClaimAccepted claim) {
        return storeAll(List.of(claim)).contains(claim.claimId());
    }

    Optional<StoredClaim> find(String dropId, String claimId);

    /** Stored claims of a drop in id (arrival) order. {@code cursor} is one a previous page returned. */
    Page<StoredClaim> page(String dropId, String cursor, int limit);

    /** Every stored claim of a drop, page after page. */
    default java.util.List<StoredClaim> all(String dropId) {
        java.util.List<StoredClaim> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Page<StoredClaim> page = page(dropId, cursor, 1_000);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
