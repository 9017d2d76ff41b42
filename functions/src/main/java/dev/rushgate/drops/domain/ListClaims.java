package dev.rushgate.drops.domain;

import dev.rushgate.platform.errors.NotFound;

/** Pages through a drop's stored claims for admins. */
public final class ListClaims {
    private final DropCatalog catalog;
    private final ClaimLedger ledger;

    public ListClaims(DropCatalog catalog, ClaimLedger ledger) {
        this.catalog = catalog;
        this.ledger = ledger;
    }

    public Page<StoredClaim> page(String dropId, String cursor, int limit) {
        if (catalog.find(dropId).isEmpty()) throw new NotFound("not-found", "No drop " + dropId + ".");
        return ledger.page(dropId, cursor, limit);
    }
}
