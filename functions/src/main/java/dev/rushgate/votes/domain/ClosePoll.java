package dev.rushgate.votes.domain;

import dev.rushgate.ops.domain.AuditControl;
import dev.rushgate.ops.domain.AuditEntry;
import dev.rushgate.ops.domain.Control;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * An operator's early close of a poll: its window ends now. The stored terms first (what a poll the cache lost is
 * rebuilt with), then the cache votes are decided on, so every vote from then on is 409 {@code closed} (a retry with
 * the Idempotency-Key of a vote accepted before still gets its answer). Recorded in the audit log with
 * {@code closesAt} before and after.
 */
public final class ClosePoll {
    private final PollCatalog catalog;
    private final BallotBox ballotBox;
    private final AuditControl audit;
    private final Clock clock;

    public ClosePoll(PollCatalog catalog, BallotBox ballotBox, AuditControl audit, Clock clock) {
        this.catalog = catalog;
        this.ballotBox = ballotBox;
        this.audit = audit;
        this.clock = clock;
    }

    public AuditEntry close(String who, String pollId) {
        return audit.run(new Control(who, "close", "poll", pollId), () -> {
            Poll poll = catalog.find(pollId).orElseThrow(() -> new NotFound("not-found", "No poll " + pollId + "."));
            // to the millisecond, as the cache decides in epoch milliseconds
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (!poll.closesAt().isAfter(now)) {
                throw new Conflict("closed", "Poll " + pollId + " closed at " + poll.closesAt() + ".");
            }
            if (now.isBefore(poll.opensAt())) {
                throw new Conflict("not-open", "Poll " + pollId + " opens at " + poll.opensAt()
                        + "; change its terms with PUT instead.");
            }
            Poll closed = poll.closingAt(now);
            catalog.save(closed);
            // A poll the cache lost is rebuilt from the catalog, closed: nothing to amend there.
            ballotBox.amend(closed);
            return Map.of("closesAtBefore", poll.closesAt().toString(), "closesAtAfter", now.toString());
        });
    }
}
