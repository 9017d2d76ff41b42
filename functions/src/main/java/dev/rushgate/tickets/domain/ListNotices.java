package dev.rushgate.tickets.domain;

/** The caller's notices, oldest first. */
public final class ListNotices {
    private final TicketLedger ledger;

    public ListNotices(TicketLedger ledger) {
        this.ledger = ledger;
    }

    public Page<Notice> list(String userId, String cursor, int limit) {
        return ledger.notices(userId, cursor, limit);
    }
}
