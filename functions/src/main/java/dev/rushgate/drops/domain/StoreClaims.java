package dev.rushgate.drops.domain;

import dev.rushgate.model.ClaimAccepted;
import dev.rushgate.model.NoticeIssued;
import dev.rushgate.notices.domain.NoticeQueue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores accepted claims durably, once each, however often a claim is delivered, then tells each claimant their claim
 * is CONFIRMED. Every claim of the delivery is told, stored now or before: a delivery that stored but failed to tell
 * comes back, and the notice's id (from the claim) keeps it to one notice.
 */
public final class StoreClaims {
    private final ClaimLedger ledger;
    private final DropCatalog catalog;
    private final NoticeQueue notices;

    public StoreClaims(ClaimLedger ledger, DropCatalog catalog, NoticeQueue notices) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.notices = notices;
    }

    /** Stores without telling anyone (tests of storage alone). */
    public StoreClaims(ClaimLedger ledger) {
        this(ledger, null, NoticeQueue.NONE);
    }

    /** @return the ids this delivery stored; the others were stored by an earlier delivery */
    public Set<String> storeAll(List<ClaimAccepted> claims) {
        Set<String> stored = ledger.storeAll(claims);
        if (notices == NoticeQueue.NONE) return stored;
        // one read a drop of the batch, for its webhook (a batch is mostly one drop's claims)
        Map<String, String> webhooks = new HashMap<>();
        for (ClaimAccepted c : claims) {
            if (!webhooks.containsKey(c.dropId())) {
                webhooks.put(c.dropId(), catalog.find(c.dropId()).map(Drop::webhookUrl).orElse(null));
            }
        }
        notices.send(claims.stream().map(c -> NoticeIssued.claimConfirmed(c, webhooks.get(c.dropId()))).toList());
        return stored;
    }
}
