package dev.rushgate.drops.domain;

import dev.rushgate.ops.domain.AuditControl;
import dev.rushgate.ops.domain.AuditEntry;
import dev.rushgate.ops.domain.Control;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * An operator's early close of a drop: its window ends now. The stored terms first (what a drop the cache lost is
 * rebuilt with), then the cache claims are decided on, so every claim from then on is 409 {@code closed}; claims
 * accepted before stay accepted and are stored. Recorded in the audit log with {@code closesAt} before and after.
 */
public final class CloseDrop {
    private final DropCatalog catalog;
    private final Stock stock;
    private final AuditControl audit;
    private final Clock clock;

    public CloseDrop(DropCatalog catalog, Stock stock, AuditControl audit, Clock clock) {
        this.catalog = catalog;
        this.stock = stock;
        this.audit = audit;
        this.clock = clock;
    }

    public AuditEntry close(String who, String dropId) {
        return audit.run(new Control(who, "close", "drop", dropId), () -> {
            Drop drop = catalog.find(dropId).orElseThrow(() -> new NotFound("not-found", "No drop " + dropId + "."));
            // to the millisecond, as the cache decides in epoch milliseconds
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (drop.closesAt() != null && !drop.closesAt().isAfter(now)) {
                throw new Conflict("closed", "Drop " + dropId + " closed at " + drop.closesAt() + ".");
            }
            if (now.isBefore(drop.opensAt())) {
                throw new Conflict("not-open", "Drop " + dropId + " opens at " + drop.opensAt()
                        + "; change its terms with PUT instead.");
            }
            Drop closed = drop.closingAt(now);
            catalog.save(closed);
            // A drop the cache lost is rebuilt from the catalog, closed: nothing to amend there.
            stock.amend(closed);
            return Map.of("closesAtBefore", drop.closesAt() == null ? "none" : drop.closesAt().toString(),
                    "closesAtAfter", now.toString());
        });
    }
}
