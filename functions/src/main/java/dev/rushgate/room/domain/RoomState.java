package dev.rushgate.room.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A room as its line stands at one instant, after admissions up to that instant were made.
 *
 * @param servingUpTo      the highest position admitted so far
 * @param admitted         admissions made so far (never decreases)
 * @param observedRate     admissions a second over the last full observation window (0 before one ends)
 * @param observedCount    admissions in the current window, which began at {@code observedSince}
 * @param waiting          entries still waiting, pre-queue included
 * @param abandoned        entries dropped because their owner stopped polling
 * @param expired          admissions that expired unused
 * @param refusedUser      entries refused by the per-user limit
 * @param refusedIp        entries refused by the per-address limit
 */
public record RoomState(int admitPerSecond, long servingUpTo, long admitted, double observedRate, long observedCount,
                        Instant observedSince, Instant opensAt, Duration admissionTtl, Duration abandonAfter,
                        long waiting, long abandoned, long expired, long refusedUser, long refusedIp) {

    /**
     * The admission rate to plan with: the one observed if there is one, else the configured one; zero while
     * paused, since an earlier window says nothing about when the room resumes.
     */
    public double plannedRate(Instant now) {
        if (admitPerSecond == 0) return 0;
        if (observedRate > 0) return observedRate;
        long elapsed = Duration.between(observedSince, now).toMillis();
        if (observedCount > 0 && elapsed >= 1000) return observedCount * 1000.0 / elapsed;
        return admitPerSecond;
    }
}
