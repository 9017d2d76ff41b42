package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;

/** The owner gives a hold back before it lapses; a hold being paid for cannot be released. */
public final class ReleaseHold {
    private final TicketLedger ledger;
    private final SeatMap seatMap;
    private final Clock clock;

    public ReleaseHold(TicketLedger ledger, SeatMap seatMap, Clock clock) {
        this.ledger = ledger;
        this.seatMap = seatMap;
        this.clock = clock;
    }

    public void release(String holdId, String userId) {
        Hold hold = ledger.hold(holdId).filter(h -> h.userId().equals(userId))
                .orElseThrow(() -> new NotFound("not-found", "No such hold."));
        if (hold.paying()) throw new Conflict("payment-in-progress", "This hold is being paid for.");
        if (!hold.status().equals("ACTIVE")) throw new Conflict("hold-ended", "This hold has already ended.");
        if (!ledger.release(holdId)) throw new Conflict("hold-ended", "This hold has already ended.");
        seatMap.release(hold.showId(), holdId, clock.instant());
    }
}
