package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;

/** A show's seat counts, after unpaid holds due by now have lapsed. */
public final class ViewShow {
    private final SeatMap seatMap;
    private final RestoreSeatMap restore;
    private final Clock clock;

    public ViewShow(SeatMap seatMap, RestoreSeatMap restore, Clock clock) {
        this.seatMap = seatMap;
        this.restore = restore;
        this.clock = clock;
    }

    public SeatCounts view(String showId) {
        var now = clock.instant();
        return seatMap.counts(showId, now).orElseGet(() -> {
            restore.restore(showId, now);
            return seatMap.counts(showId, now)
                    .orElseThrow(() -> new NotFound("not-found", "No show " + showId + "."));
        });
    }
}
