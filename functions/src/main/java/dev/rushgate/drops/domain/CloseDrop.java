package dev.rushgate.drops.domain;

import dev.rushgate.ops.domain.AuditEntry;
import dev.rushgate.ops.domain.CloseEarly;

/**
 * An operator's early close of a drop ({@link CloseEarly}): claims from then on are 409 {@code closed}; claims accepted
 * before stay accepted and are stored.
 */
public final class CloseDrop {
    private final DropCatalog catalog;
    private final Stock stock;
    private final CloseEarly closeEarly;

    public CloseDrop(DropCatalog catalog, Stock stock, CloseEarly closeEarly) {
        this.catalog = catalog;
        this.stock = stock;
        this.closeEarly = closeEarly;
    }

    public AuditEntry close(String who, String dropId) {
        return closeEarly.close(who, "drop", dropId, catalog::find, closed -> {
            catalog.save(closed);
            // A drop the cache lost is rebuilt from the catalog, closed: nothing to amend there.
            stock.amend(closed);
        });
    }
}
