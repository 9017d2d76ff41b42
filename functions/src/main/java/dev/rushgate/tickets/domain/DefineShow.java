package dev.rushgate.tickets.domain;

import java.util.concurrent.CompletableFuture;

/**
 * Creates a show: its whole seat map in the ledger (the durable truth) and the hot state in the seat map, the two
 * written side by side, so that a large map costs the slower of the two rather than their sum. Defining it again
 * with the same terms changes nothing; other terms are refused (seats may be sold).
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
        if (ledger.show(show.showId()).isPresent()) return ledger.create(show); // false, or 409 show-exists
        CompletableFuture<Void> hot = CompletableFuture.runAsync(() -> seatMap.load(HotState.fresh(show)));
        boolean created;
        try {
            created = ledger.create(show);
        } catch (RuntimeException e) {
            hot.join();
            // Someone created this show meanwhile with other terms: the seat map must be theirs, from the ledger.
            ledger.hotState(show.showId()).ifPresent(seatMap::load);
            throw e;
        }
        hot.join();
        if (!created) ledger.hotState(show.showId()).ifPresent(seatMap::load);
        return created;
    }
}
