package dev.rushgate.room.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The line of every room. Each operation is one atomic step that first makes every admission due by
 * {@code now} (at the room's rate, from {@code opensAt}, skipping abandoned entries), so the line is
 * correct whenever it is looked at and needs no scheduler. Positions are handed out once each, in order,
 * and one user holds at most one entry per room.
 */
public interface WaitingLine {

    /** Creates or updates a room; a rate change keeps every admission already made. True when new. */
    boolean define(Room room, Instant now);

    /** Puts the user in the line, or answers the entry they already hold. */
    Entering enter(String roomId, String userId, String newEntryId, String sourceAddress, Instant now);

    /**
     * As {@link #enter(String, String, String, String, Instant)}, also counting {@code refusedFromMemory} refusals over
     * the per-user limit that this environment answered itself since its last call for the room.
     */
    default Entering enter(String roomId, String userId, String newEntryId, String sourceAddress, Instant now,
                           long refusedFromMemory) {
        return enter(roomId, userId, newEntryId, sourceAddress, now);
    }

    /** The user's own entry; empty when the room or the entry does not exist, or is someone else's. */
    Optional<Standing> poll(String roomId, String userId, String entryId, Instant now);

    Optional<RoomState> view(String roomId, Instant now);

    /** Revokes the admission {@code jti}; false when the room does not exist. */
    boolean revoke(String roomId, String jti);

    /** Revokes the admission of {@code userId}'s entry: its jti, or empty when the room or the entry is unknown. */
    Optional<String> revokeEntryOf(String roomId, String userId);

    /** Changes only the room's admission rate, after advancing the line at the old rate up to {@code now}. */
    RateChange changeRate(String roomId, RateAsk ask, Instant now);

    /**
     * Records that admission {@code jti} was presented at a gated endpoint, so it is not expired as unused.
     * False when it was revoked or the room does not exist.
     */
    boolean use(String roomId, String jti, Instant now);
}
