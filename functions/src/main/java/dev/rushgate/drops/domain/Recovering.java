package dev.rushgate.drops.domain;

import dev.rushgate.platform.errors.Unavailable;

import java.time.Duration;

/** The answer while a drop the cache lost waits for its rebuild: 503 {@code recovering}, try again in a second. */
final class Recovering {
    private Recovering() {}

    static Unavailable error(String dropId) {
        return new Unavailable("recovering", "Drop " + dropId + " is being rebuilt from storage after the cache lost "
                + "it; nothing you were told is lost. Try again shortly.", Duration.ofSeconds(1));
    }
}
