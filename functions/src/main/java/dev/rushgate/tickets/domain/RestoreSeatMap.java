package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.NotFound;
import dev.rushgate.platform.errors.Unavailable;

/**
 * Rebuilds a show's seat map from the ledger when the seat map does not have it (never loaded here, or lost
 * in a flush or restart). One caller loads; the others wait for it briefly. Holds decided while the map was
 * being rebuilt cannot double-sell: the ledger refuses a seat claimed twice.
 */
public final class RestoreSeatMap {
    private static final long WAIT_MILLIS = 5_000;

    private final TicketLedger ledger;
    private final SeatMap seatMap;

    public RestoreSeatMap(TicketLedger ledger, SeatMap seatMap) {
        this.ledger = ledger;
        this.seatMap = seatMap;
    }

    /** Loads the show unless another caller is loading it, in which case this waits until it is loaded. */
    public void restore(String showId, java.time.Instant now) {
        if (seatMap.startLoading(showId)) {
            try {
                HotState state = ledger.hotState(showId)
                        .orElseThrow(() -> new NotFound("not-found", "No show " + showId + "."));
                seatMap.load(state);
            } finally {
                seatMap.doneLoading(showId);
            }
            return;
        }
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (seatMap.counts(showId, now).isPresent()) return;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new Unavailable("show-loading", "This show's seats are being loaded; try again in a moment.");
    }
}
