package dev.rushgate.drops.domain;

import dev.rushgate.model.ClaimAccepted;

/** Stores accepted claims durably, once each, however often a claim is delivered. */
public final class StoreClaims {
    private final ClaimLedger ledger;

    public StoreClaims(ClaimLedger ledger) {
        this.ledger = ledger;
    }

    /** @return the ids this delivery stored; the others were stored by an earlier delivery */
    public java.util.Set<String> storeAll(java.util.List<ClaimAccepted> claims) {
        return ledger.storeAll(claims);
    }
}
