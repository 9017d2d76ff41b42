package dev.rushgate.votes.domain;

import dev.rushgate.platform.errors.Conflict;

import java.util.HashSet;

/**
 * Creates or updates a poll: durable record first, then the cache votes are decided on. Question, window,
 * alerts, room and webhook may change; the options may not once the poll exists, since votes name them.
 */
public final class DefinePoll {
    private final PollCatalog catalog;
    private final BallotBox ballotBox;

    public DefinePoll(PollCatalog catalog, BallotBox ballotBox) {
        this.catalog = catalog;
        this.ballotBox = ballotBox;
    }

    /** @return true when the poll is new */
    public boolean define(Poll poll) {
        catalog.find(poll.pollId()).ifPresent(existing -> {
            if (!new HashSet<>(existing.optionIds()).equals(new HashSet<>(poll.optionIds()))) {
                throw new Conflict("options-locked", "A poll's options cannot change once it exists.");
            }
        });
        boolean created = catalog.save(poll);
        // A poll the cache does not know and that is not new was lost by the cache: its first vote rebuilds it.
        if (created) ballotBox.define(poll);
        else ballotBox.amend(poll);
        return created;
    }
}
