package dev.rushgate.drops.domain;

import dev.rushgate.platform.errors.NotFound;

/** A drop's terms with its live counts: accepted and remaining from the stock, confirmed from storage. */
public final class ViewDrop {
    private final DropCatalog catalog;
    private final Stock stock;

    public ViewDrop(DropCatalog catalog, Stock stock) {
        this.catalog = catalog;
        this.stock = stock;
    }

    public DropView view(String dropId) {
        DropCatalog.Counted counted = catalog.findCounted(dropId)
                .orElseThrow(() -> new NotFound("not-found", "No drop " + dropId + "."));
        Drop drop = counted.drop();
        StockLevel level = stock.level(dropId).orElseGet(() -> {
            stock.define(drop);
            return stock.level(dropId).orElse(new StockLevel(drop.stock(), 0));
        });
        return new DropView(drop.dropId(), drop.name(), drop.stock(), drop.perUserLimit(), drop.opensAt(),
                drop.closesAt(), drop.roomId(), level.remaining(), level.accepted(), counted.confirmed());
    }
}
