package dev.rushgate.drops.domain;

import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;
import java.util.Optional;

/** A drop's terms with its live counts: accepted and remaining from the stock, confirmed from storage. */
public final class ViewDrop {
    private final DropCatalog catalog;
    private final Stock stock;
    private final RecoverDrop recovery;
    private final Clock clock;

    public ViewDrop(DropCatalog catalog, Stock stock, RecoverDrop recovery, Clock clock) {
        this.catalog = catalog;
        this.stock = stock;
        this.recovery = recovery;
        this.clock = clock;
    }

    public DropView view(String dropId) {
        DropCatalog.Counted counted = catalog.findCounted(dropId)
                .orElseThrow(() -> new NotFound("not-found", "No drop " + dropId + "."));
        Drop drop = counted.drop();
        StockLevel level = stock.level(dropId)
                .or(() -> recovery.recover(drop, clock.instant()) ? stock.level(dropId) : Optional.empty())
                .orElseThrow(() -> Recovering.error(dropId));
        return new DropView(drop.dropId(), drop.name(), drop.stock(), drop.perUserLimit(), drop.opensAt(),
                drop.closesAt(), drop.roomId(), level.remaining(), level.accepted(), counted.confirmed(),
                drop.ownerId());
    }
}
