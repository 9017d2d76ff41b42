package dev.rushgate.votes.domain;

import java.util.Optional;
import java.util.Set;

/**
 * What the ballot box needs to refuse a vote on a closed poll: its close (epoch ms), its room ("" for none) and its
 * options. The refusal is the one {@code vote-cast.lua} gives a vote without an Idempotency-Key, in the same order.
 */
public record ClosedPoll(long closesAt, String roomId, Set<String> options) {
    public ClosedPoll {
        options = Set.copyOf(options);
    }

    /** The refusal for this vote, or empty when only the ballot box can answer it (the poll is not closed yet). */
    public Optional<String> refusal(String optionId, long now, String admittedRoom) {
        if (!roomId.isEmpty() && !roomId.equals(admittedRoom)) return Optional.of("not-admitted");
        if (!options.contains(optionId)) return Optional.of("unknown-option");
        if (now >= closesAt) return Optional.of("closed");
        return Optional.empty();
    }
}
