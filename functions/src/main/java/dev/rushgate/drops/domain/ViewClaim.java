package dev.rushgate.drops.domain;

import dev.rushgate.platform.errors.Forbidden;
import dev.rushgate.platform.errors.NotFound;

/** One claim's status for its owner or an admin: CONFIRMED once stored, ACCEPTED while on its way. */
public final class ViewClaim {
    private final ClaimLedger ledger;
    private final Stock stock;

    public ViewClaim(ClaimLedger ledger, Stock stock) {
        this.ledger = ledger;
        this.stock = stock;
    }

    public ClaimView view(String dropId, String claimId, String callerId, boolean callerIsAdmin) {
        ClaimView claim = ledger.find(dropId, claimId)
                .map(s -> new ClaimView(s.claimId(), s.dropId(), s.userId(), ClaimView.Status.CONFIRMED))
                .or(() -> stock.accepted(dropId, claimId)
                        .map(a -> new ClaimView(a.claimId(), a.dropId(), a.userId(), ClaimView.Status.ACCEPTED)))
                .orElseThrow(() -> new NotFound("not-found", "No such claim."));
        if (!callerIsAdmin && !claim.userId().equals(callerId)) {
            throw new Forbidden("forbidden", "Only the claim's owner or an admin may see it.");
        }
        return claim;
    }
}
