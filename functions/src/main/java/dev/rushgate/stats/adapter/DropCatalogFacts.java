package dev.rushgate.stats.adapter;

import dev.rushgate.drops.domain.DropCatalog;
import dev.rushgate.stats.domain.EventFacts;

import java.util.Optional;

/** A drop's owner, room and claims stored, from the drops' own catalog in one read. */
public final class DropCatalogFacts implements EventFacts {
    private final DropCatalog catalog;

    public DropCatalogFacts(DropCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<Facts> read(String id) {
        return catalog.findCounted(id)
                .map(counted -> new Facts(counted.drop().ownerId(), counted.drop().roomId(), counted.confirmed()));
    }
}
