package dev.rushgate.drops.domain;

/** Creates or updates a drop: durable record first, then the hot stock the claims are decided on. */
public final class DefineDrop {
    private final DropCatalog catalog;
    private final Stock stock;

    public DefineDrop(DropCatalog catalog, Stock stock) {
        this.catalog = catalog;
        this.stock = stock;
    }

    /** @return true when the drop is new */
    public boolean define(Drop drop) {
        boolean created = catalog.save(drop);
        // A drop the cache lost keeps its new terms in the catalog, where its rebuild reads them.
        if (created) stock.define(drop);
        else stock.amend(drop);
        return created;
    }
}
