package dev.rushgate.room.domain;

import java.time.Duration;

/** What the line answered to someone entering. */
public sealed interface Entering {

    /** In the line: a new entry, or ({@code existing}) the one this user already had. */
    record Placed(Standing standing, boolean existing) implements Entering {}

    /** Over the per-user or per-address entry limit; may try again after {@code retryAfter}. */
    record RateLimited(Duration retryAfter) implements Entering {}

    /** No such room. */
    record UnknownRoom() implements Entering {}
}
