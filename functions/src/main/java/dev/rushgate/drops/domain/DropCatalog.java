package dev.rushgate.drops.domain;

import java.util.List;
import java.util.Optional;

/** The durable record of drops and of how many of their claims are stored ({@code confirmed}). */
public interface DropCatalog {

    /** Saves the drop's terms, keeping its confirmed count; true when it did not exist before. */
    boolean save(Drop drop);

    Optional<Drop> find(String dropId);

    /** Claims durably stored for this drop, counted as each is stored. */
    long confirmed(String dropId);

    List<String> dropIds();

    /** A drop's terms with its confirmed count. */
    record Counted(Drop drop, long confirmed) {}

    /** The drop and its confirmed count; an adapter that keeps both together reads them at once. */
    default Optional<Counted> findCounted(String dropId) {
        return find(dropId).map(drop -> new Counted(drop, confirmed(dropId)));
    }
}
