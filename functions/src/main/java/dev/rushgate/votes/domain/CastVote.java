package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.Ids;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.Forbidden;
import dev.rushgate.platform.errors.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Casts one vote. The decision is one atomic step in the ballot box, which also puts the vote in its outbox:
 * from then on the vote is safe, and the caller may be told 202. The vote is then appended to the vote stream
 * and, once the stream holds it, settled (taken out of the outbox). If the append fails or cannot be confirmed
 * in time, the vote stays in the outbox and the sweeper appends it later, so the caller's 202 always ends up
 * counted. We chose the outbox over rolling back the Redis mark: an append that timed out may still have
 * reached Kafka, and a rollback would then let the same user vote twice.
 *
 * <p>{@code awaitAppend} is how long the caller waits for the stream before answering: zero where one process
 * serves many callers and never pauses (the local stack: appends of concurrent votes travel together and the
 * answer costs no Kafka round trip), a bound where the process may be frozen right after answering (Lambda:
 * otherwise the append would wait for the next invocation or the sweeper).
 */
public final class CastVote {
    private static final Logger LOG = LoggerFactory.getLogger(CastVote.class);

    private final BallotBox ballotBox;
    private final PollCatalog catalog;
    private final VoteStream stream;
    private final Admissions admissions;
    private final Clock clock;
    private final Duration awaitAppend;
    private final Settlements settlements;
    private final RecoverPoll recovery;

    /**
     * @param recovery brings back a poll the cache lost
     * @param settling where outbox entries are settled once the stream holds them: never on the stream's own
     *                 thread, which must keep sending
     */
    public CastVote(BallotBox ballotBox, PollCatalog catalog, VoteStream stream, Admissions admissions,
                    RecoverPoll recovery, Clock clock, Duration awaitAppend, Executor settling) {
        this.ballotBox = ballotBox;
        this.catalog = catalog;
        this.stream = stream;
        this.admissions = admissions;
        this.clock = clock;
        this.awaitAppend = awaitAppend;
        this.settlements = new Settlements(ballotBox, settling);
        this.recovery = recovery;
    }

    /** @return the vote id */
    public String cast(CastVoteCommand command) {
        Instant now = clock.instant();
        String voteId = Ids.timeOrdered(now.toEpochMilli());
        // Checked before the ballot box decides, so it can compare rooms in the same atomic step.
        String admittedRoom = command.admissionToken() == null ? ""
                : admissions.admittedRoom(command.admissionToken(), command.userId()).orElse("");
        VoteDecision decision = decide(command, voteId, now, admittedRoom);
        if (decision instanceof VoteDecision.UnknownPoll) {
            // The cache lost the poll or never had it: bring it back from storage, or ask the caller to retry.
            Poll poll = catalog.find(command.pollId())
                    .orElseThrow(() -> new NotFound("not-found", "No poll " + command.pollId() + "."));
            if (!recovery.recover(poll, now)) throw RecoverPoll.recovering(command.pollId());
            decision = decide(command, voteId, now, admittedRoom);
        }
        return switch (decision) {
            case VoteDecision.Accepted accepted when accepted.replay() -> accepted.voteId();
            case VoteDecision.Accepted accepted -> {
                append(new VoteAccepted(command.pollId(), accepted.voteId(), command.userId(), command.optionId(),
                        now.toEpochMilli(), command.idempotencyKey()));
                yield accepted.voteId();
            }
            case VoteDecision.Refused refused -> throw refusal(refused.code());
            case VoteDecision.UnknownPoll unknown -> throw new NotFound("not-found", "No poll " + command.pollId() + ".");
        };
    }

    private VoteDecision decide(CastVoteCommand command, String voteId, Instant now, String admittedRoom) {
        return ballotBox.cast(command.pollId(), command.userId(), voteId, command.optionId(), now, admittedRoom,
                command.idempotencyKey() == null ? "" : command.idempotencyKey());
    }

    private void append(VoteAccepted vote) {
        CompletableFuture<Void> appended;
        try {
            appended = stream.append(vote);
        } catch (RuntimeException e) {
            appended = CompletableFuture.failedFuture(e);
        }
        if (awaitAppend.isZero()) {
            appended.whenComplete((ok, e) -> {
                // Safe either way: the vote is in the outbox, and the sweeper will append it.
                if (e == null) settlements.add(vote);
                else LOG.warn("vote left in outbox for the sweeper: {}", e.toString());
            });
            return;
        }
        try {
            appended.get(awaitAppend.toMillis(), TimeUnit.MILLISECONDS);
            ballotBox.settled(vote);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("vote left in outbox for the sweeper: {}", e.toString());
        }
    }

    private static RuntimeException refusal(String code) {
        return switch (code) {
            case "already-voted" -> new Conflict(code, "You have already voted in this poll.");
            case "closed" -> new Conflict(code, "This poll has closed.");
            case "not-open" -> new Conflict(code, "This poll is not open yet.");
            case "unknown-option" -> new BadInput(code, "This poll has no such option.");
            case "not-admitted" -> new Forbidden(code,
                    "This poll is behind a waiting room: send X-Admission-Token with your admission.");
            default -> new Conflict(code, "This vote cannot be accepted.");
        };
    }
}
