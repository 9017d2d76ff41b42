package dev.rushgate.drops.domain;

import java.util.Set;

/**
 * What a refusal from memory must know of a drop: its terms and counts, and who holds a unit (they may be replaying
 * an accepted claim, which only the stock can answer).
 *
 * @param opensAt  epoch ms
 * @param closesAt epoch ms; 0 when open-ended
 * @param roomId   "" when no waiting room gates the drop
 * @param holders  every user with at least one accepted claim
 */
public record RefusalState(int stock, int accepted, long opensAt, long closesAt, String roomId, Set<String> holders) {
    public RefusalState {
        holders = Set.copyOf(holders);
    }

    /**
     * The refusal the stock would give this caller now, when it is sure without asking: a caller who holds no unit
     * cannot be replaying, is under any per-user limit, and, past the room check, meets closed or sold-out.
     */
    java.util.Optional<String> refusal(String userId, long now, String admittedRoom) {
        if (holders.contains(userId)) return java.util.Optional.empty();
        if (!roomId.isEmpty() && !roomId.equals(admittedRoom)) return java.util.Optional.empty();
        if (now < opensAt) return java.util.Optional.empty();
        if (closesAt > 0 && now >= closesAt) return java.util.Optional.of("closed");
        if (accepted >= stock) return java.util.Optional.of("sold-out");
        return java.util.Optional.empty();
    }
}
