package dev.rushgate.drops.domain;

import dev.rushgate.model.ClaimAccepted;

/** Stores accepted claims durably, once each, however often a claim is delivered. */
public final class StoreClaims {
    private final ClaimLedger ledger;

    public StoreClaims(ClaimLedger ledger) {
        this.ledger = ledger;
    }

    /** @return true when this delivery stored it, false when it was already stored */
    public boolean store(ClaimAccepted claim) {
        return ledger.store(claim);
    }
}
