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
}
