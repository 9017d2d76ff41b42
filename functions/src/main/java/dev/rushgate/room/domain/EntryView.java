package dev.rushgate.room.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * An entry as its owner sees it. {@code position} and {@code aheadOfYou} are null in the pre-queue (before
 * the room opens everybody there is equal); {@code estimatedWaitSeconds} is null while the room is paused;
 * the token and its expiry are there while ADMITTED. {@code retryAfter} is when polling again is useful
 * (null when there is nothing left to wait for).
 */
public record EntryView(String entryId, Long position, Long aheadOfYou, Long estimatedWaitSeconds, Status status,
                        String admissionToken, Instant admissionExpiresAt, Duration retryAfter) {

    /** CONTRACT.md's entry statuses. */
    public enum Status { WAITING, ADMITTED, EXPIRED }

    private static final Duration LONGEST_POLL = Duration.ofSeconds(30);
    private static final Duration UNKNOWN_WAIT_POLL = Duration.ofSeconds(10);

    /**
     * Builds the view at {@code now}. The estimate is people to admit before this entry (itself included)
     * divided by the admission rate actually observed, plus the time until the room opens. Polls are
     * spaced at a quarter of the estimated wait, never more than a third of the abandonment time, so a
     * client that follows the hint is never taken for one that left.
     */
    static EntryView of(String roomId, Standing standing, Instant now, AdmissionTokens tokens) {
        Entry entry = standing.entry();
        RoomState room = standing.room();
        return switch (entry.state()) {
            case WAITING -> waiting(entry, room, now);
            case ADMITTED, USED -> {
                Instant expiresAt = entry.stateAt().plus(room.admissionTtl());
                if (!expiresAt.isAfter(now)) yield expired(entry);
                String token = tokens.issue(new Admission(roomId, entry.userId(), entry.entryId(), expiresAt));
                yield new EntryView(entry.entryId(), entry.position(), 0L, 0L, Status.ADMITTED, token, expiresAt, null);
            }
            case EXPIRED -> expired(entry);
        };
    }

    private static EntryView waiting(Entry entry, RoomState room, Instant now) {
        boolean preQueued = entry.position() == 0;
        double rate = room.plannedRate(now);
        long untilOpen = Math.max(0, Duration.between(now, room.opensAt()).toSeconds());
        double people = preQueued ? Math.ceil(entry.preQueued() / 2.0) : entry.aheadOfYou() + 1;
        Long estimate = rate > 0 ? untilOpen + (long) Math.ceil(people / rate) : null;
        Duration ceiling = min(LONGEST_POLL, room.abandonAfter().dividedBy(3));
        Duration retry = estimate == null ? min(UNKNOWN_WAIT_POLL, ceiling)
                : max(Duration.ofSeconds(1), min(Duration.ofSeconds(estimate / 4), ceiling));
        return new EntryView(entry.entryId(), preQueued ? null : entry.position(),
                preQueued ? null : entry.aheadOfYou(), estimate, Status.WAITING, null, null, retry);
    }

    private static EntryView expired(Entry entry) {
        return new EntryView(entry.entryId(), entry.position() == 0 ? null : entry.position(), null, null,
                Status.EXPIRED, null, null, null);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
