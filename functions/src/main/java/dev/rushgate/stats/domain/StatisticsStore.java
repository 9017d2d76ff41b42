package dev.rushgate.stats.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where rolled-up statistics are kept. Invariant: an event's minutes, refused users and progress ({@code rolledTo},
 * {@code missedMinutes}) change together in one transaction, and one roll-up of an event at a time.
 */
public interface StatisticsStore {

    /** One whole minute's answers: absolute counts. */
    record Minute(Instant minute, Map<String, Long> counts) {}

    /**
     * What one roll-up of an event writes: minutes replaced with these counts, refused users raised to these counts
     * (never lowered), {@code missedMinutes} added once, progress moved to {@code rolledTo}.
     */
    record RollUp(String ownerId, String roomId, long durable, List<Minute> minutes, Map<String, Long> refusedUsers,
                  long missedMinutes, Instant rolledTo, Instant rolledAt) {}

    /**
     * Rolls one event up: under the event's lock and in one transaction, hands {@code plan} the event's progress
     * ({@code rolledTo}, empty for an event never rolled up) and writes what it answers; nothing when it throws.
     */
    void rollUp(String kind, String id, Function<Optional<Instant>, RollUp> plan);

    /** What is kept of an event. */
    record Stored(String kind, String id, String ownerId, String roomId, long durable, Instant rolledTo,
                  long missedMinutes, Instant rolledAt, List<Minute> minutes, Map<String, Long> refusedUsers) {}

    /** The event's statistics with its {@code maxUsers} most refused users; empty when never rolled up. */
    Optional<Stored> read(String kind, String id, int maxUsers);
}
