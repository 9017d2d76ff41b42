package dev.rushgate.room.domain;

import java.time.Instant;

/**
 * One user's place in a room's line.
 *
 * @param position   1-based and never reused; 0 while in the pre-queue (before {@code opensAt} all are equal)
 * @param state      where the entry is; {@code stateAt} is when it got there (for ADMITTED and USED: when
 *                   it was admitted)
 * @param aheadOfYou live entries still ahead of it; -1 when not waiting in the ordered line
 * @param preQueued  how many are in the pre-queue
 */
public record Entry(String entryId, String userId, long position, State state, Instant stateAt, long aheadOfYou,
                    long preQueued) {

    /** The entry's lifecycle: waiting, admitted, admitted and used at a gated endpoint, or expired/abandoned. */
    public enum State { WAITING, ADMITTED, USED, EXPIRED }
}
