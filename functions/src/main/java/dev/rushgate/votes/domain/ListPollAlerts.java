package dev.rushgate.votes.domain;

import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.NotFound;

import java.util.List;

/** Pages through the alerts that fired for a poll, oldest first; the cursor is the last alert's place. */
public final class ListPollAlerts {
    private final PollCatalog catalog;
    private final TallyBook tallies;

    public ListPollAlerts(PollCatalog catalog, TallyBook tallies) {
        this.catalog = catalog;
        this.tallies = tallies;
    }

    public Page<FiredAlert> page(String pollId, String cursor, int limit) {
        long after = 0;
        if (cursor != null) {
            try {
                after = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new BadInput("invalid-cursor", "This cursor was not issued by this list.");
            }
            if (after < 0) throw new BadInput("invalid-cursor", "This cursor was not issued by this list.");
        }
        if (catalog.find(pollId).isEmpty()) throw new NotFound("not-found", "No poll " + pollId + ".");
        List<FiredAlert> items = tallies.alerts(pollId, after, limit + 1);
        if (items.size() <= limit) return new Page<>(items, null);
        List<FiredAlert> page = items.subList(0, limit);
        return new Page<>(page, Long.toString(page.getLast().seq()));
    }
}
