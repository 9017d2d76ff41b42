package dev.rushgate.drops.domain;

import java.time.Instant;

/**
 * A drop as clients see it: its terms and live counts ({@code confirmed} = claims durably stored), and the user who
 * may read its statistics ({@code ownerId}, omitted when none).
 */
public record DropView(String dropId, String name, int stock, int perUserLimit, Instant opensAt, Instant closesAt,
                       String roomId, int remaining, int accepted, long confirmed, String ownerId) {

    /** The same view without its owner: what a user who is neither the owner nor an admin reads. */
    public DropView withoutOwner() {
        return new DropView(dropId, name, stock, perUserLimit, opensAt, closesAt, roomId, remaining, accepted, confirmed,
                null);
    }
}
