package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.NotFound;

/** An order, for its owner or an admin; to anyone else it does not exist. */
public final class ViewOrder {
    private final TicketLedger ledger;

    public ViewOrder(TicketLedger ledger) {
        this.ledger = ledger;
    }

    public Order view(String orderId, String userId, boolean admin) {
        return ledger.order(orderId).filter(o -> admin || o.userId().equals(userId))
                .orElseThrow(() -> new NotFound("not-found", "No such order."));
    }
}
