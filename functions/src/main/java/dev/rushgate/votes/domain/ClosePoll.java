package dev.rushgate.votes.domain;

import dev.rushgate.ops.domain.AuditEntry;
import dev.rushgate.ops.domain.CloseEarly;

/**
 * An operator's early close of a poll ({@link CloseEarly}): votes from then on are 409 {@code closed} (a retry with
 * the Idempotency-Key of a vote accepted before still gets its answer).
 */
public final class ClosePoll {
    private final PollCatalog catalog;
    private final BallotBox ballotBox;
    private final CloseEarly closeEarly;

    public ClosePoll(PollCatalog catalog, BallotBox ballotBox, CloseEarly closeEarly) {
        this.catalog = catalog;
        this.ballotBox = ballotBox;
        this.closeEarly = closeEarly;
    }

    public AuditEntry close(String who, String pollId) {
        return closeEarly.close(who, "poll", pollId, catalog::find, closed -> {
            catalog.save(closed);
            // A poll the cache lost is rebuilt from the catalog, closed: nothing to amend there.
            ballotBox.amend(closed);
        });
    }
}
