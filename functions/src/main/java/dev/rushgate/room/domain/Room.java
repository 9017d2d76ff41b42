package dev.rushgate.room.domain;

import dev.rushgate.model.AdminId;
import dev.rushgate.platform.errors.BadInput;

import java.time.Duration;
import java.time.Instant;

/**
 * A waiting room as an admin defines it. From {@code opensAt} it admits {@code admitPerSecond} people a
 * second in queue order (0 pauses it); an admission is good for {@code admissionTtl}. An entry whose owner
 * has not polled for {@code abandonAfter} counts as abandoned and its place goes to the next in line.
 * Entries are limited per user and per source address each minute (0 = no limit).
 */
public record Room(String roomId, int admitPerSecond, Duration admissionTtl, Instant opensAt, Duration abandonAfter,
                   int entriesPerUserPerMinute, int entriesPerIpPerMinute) {

    public static final int MAX_RATE = 100_000;
    public static final Duration MAX_TTL = Duration.ofHours(24);
    public static final Duration MIN_ABANDON = Duration.ofSeconds(5);
    public static final Duration MAX_ABANDON = Duration.ofHours(1);
    public static final int MAX_PER_MINUTE = 1_000_000;

    public Room {
        if (!AdminId.isValid(roomId)) throw new BadInput("invalid-id", "roomId must match " + AdminId.PATTERN.pattern());
        if (admitPerSecond < 0 || admitPerSecond > MAX_RATE) {
            throw new BadInput("invalid-field", "admitPerSecond must be 0 to " + MAX_RATE);
        }
        if (admissionTtl == null || admissionTtl.toSeconds() < 1 || admissionTtl.compareTo(MAX_TTL) > 0) {
            throw new BadInput("invalid-field", "admissionTtlSeconds must be 1 to " + MAX_TTL.toSeconds());
        }
        if (opensAt == null) throw new BadInput("invalid-field", "opensAt is required");
        if (abandonAfter == null || abandonAfter.compareTo(MIN_ABANDON) < 0 || abandonAfter.compareTo(MAX_ABANDON) > 0) {
            throw new BadInput("invalid-field", "abandonAfterSeconds must be " + MIN_ABANDON.toSeconds() + " to "
                    + MAX_ABANDON.toSeconds());
        }
        if (entriesPerUserPerMinute < 0 || entriesPerUserPerMinute > MAX_PER_MINUTE
                || entriesPerIpPerMinute < 0 || entriesPerIpPerMinute > MAX_PER_MINUTE) {
            throw new BadInput("invalid-field", "entry limits per minute must be 0 to " + MAX_PER_MINUTE);
        }
    }
}
