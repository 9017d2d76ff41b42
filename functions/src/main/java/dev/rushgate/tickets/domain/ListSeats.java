package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A page of a show's seats in map order with their live status. */
public final class ListSeats {
    private final TicketLedger ledger;
    private final SeatMap seatMap;
    private final ViewShow viewShow;

    public ListSeats(TicketLedger ledger, SeatMap seatMap, ViewShow viewShow) {
        this.ledger = ledger;
        this.seatMap = seatMap;
        this.viewShow = viewShow;
    }

    public Page<SeatView> list(String showId, String section, String cursor, int limit) {
        viewShow.view(showId); // loads the show if needed, and lets due holds lapse first
        Page<SeatView> page = ledger.seats(showId, section, cursor, limit);
        if (page.items().isEmpty() && cursor == null && ledger.show(showId).isEmpty()) {
            throw new NotFound("not-found", "No show " + showId + ".");
        }
        List<String> ids = page.items().stream().map(SeatView::seatId).toList();
        Map<String, String> statuses = ids.isEmpty() ? Map.of() : seatMap.statuses(showId, ids);
        return new Page<>(page.items().stream()
                .map(s -> new SeatView(s.seatId(), statuses.getOrDefault(s.seatId(), "AVAILABLE"), s.priceCents()))
                .toList(), page.nextCursor());
    }
}
