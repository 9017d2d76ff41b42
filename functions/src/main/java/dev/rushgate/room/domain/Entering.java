package dev.rushgate.room.domain;

import java.time.Duration;

/** What the line answered to someone entering. */
public sealed interface Entering {

    /** In the line: a new entry, or ({@code existing}) the one this user already had. */
    record Placed(Standing standing, boolean existing) implements Entering {}

    /**
     * Over the per-user ({@code perUser}) or per-address entry limit; may try again after {@code retryAfter}, when the
     * minute ends.
     */
    record RateLimited(Duration retryAfter, boolean perUser) implements Entering {
        public RateLimited(Duration retryAfter) {
            this(retryAfter, false);
        }
    }

    /** No such room. */
    record UnknownRoom() implements Entering {}
}
