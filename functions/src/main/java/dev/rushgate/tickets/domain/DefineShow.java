package dev.rushgate.tickets.domain;

/**
 * Creates a show: its whole seat map in the ledger (the durable truth), then its shape in the seat map (which
 * keeps only taken seats, so this is one small write however large the map). Defining it again with the same
 * terms changes nothing; other terms are refused (seats may be sold).
 */
public final class DefineShow {
    private final TicketLedger ledger;
    private final SeatMap seatMap;

    public DefineShow(TicketLedger ledger, SeatMap seatMap) {
        this.ledger = ledger;
        this.seatMap = seatMap;
    }

    /** True when created. */
    public boolean define(Show show) {
        boolean created = ledger.create(show);
        if (created) seatMap.load(HotState.fresh(show));
        return created;
    }
}
