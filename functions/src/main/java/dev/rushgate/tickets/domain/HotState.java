package dev.rushgate.tickets.domain;

import java.util.List;
import java.util.Map;

/**
 * What the seat map needs to decide holds, as the ledger knows it: the show, its sold seats with their buyers,
 * and its live holds (ACTIVE or PAYING).
 */
public record HotState(Show show, Map<String, String> soldTo, List<Hold> liveHolds) {
    public HotState {
        soldTo = Map.copyOf(soldTo);
        liveHolds = List.copyOf(liveHolds);
    }

    /** A show just created: nothing sold, nothing held. */
    public static HotState fresh(Show show) {
        return new HotState(show, Map.of(), List.of());
    }
}
