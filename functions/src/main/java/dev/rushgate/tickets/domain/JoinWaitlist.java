package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.NotFound;

/** Puts a user in a show's waitlist (once: joining again keeps the place). */
public final class JoinWaitlist {
    private final TicketLedger ledger;

    public JoinWaitlist(TicketLedger ledger) {
        this.ledger = ledger;
    }

    public long join(String showId, String userId) {
        if (ledger.show(showId).isEmpty()) throw new NotFound("not-found", "No show " + showId + ".");
        return ledger.joinWaitlist(showId, userId);
    }
}
