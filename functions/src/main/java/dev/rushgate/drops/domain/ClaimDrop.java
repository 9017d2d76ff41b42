package dev.rushgate.drops.domain;

import dev.rushgate.platform.Ids;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.Forbidden;
import dev.rushgate.platform.errors.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Claims one unit of a drop. The decision is one atomic step in the stock; an accepted claim is then sent
 * to the claim queue. If that send fails the claim stays in the stock's outbox and the outbox sweeper
 * sends it later, so the caller's ACCEPTED always becomes CONFIRMED (we chose the outbox over rolling
 * back: a rollback could hand the unit to someone else after this caller was told ACCEPTED).
 */
public final class ClaimDrop {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimDrop.class);

    private final Stock stock;
    private final DropCatalog catalog;
    private final ClaimQueue queue;
    private final Admissions admissions;
    private final RecoverDrop recovery;
    private final Clock clock;

    public ClaimDrop(Stock stock, DropCatalog catalog, ClaimQueue queue, Admissions admissions, RecoverDrop recovery,
                     Clock clock) {
        this.stock = stock;
        this.catalog = catalog;
        this.queue = queue;
        this.admissions = admissions;
        this.recovery = recovery;
        this.clock = clock;
    }

    /** Without waiting rooms: drops that name a room refuse every claim. */
    public ClaimDrop(Stock stock, DropCatalog catalog, ClaimQueue queue, RecoverDrop recovery, Clock clock) {
        this(stock, catalog, queue, Admissions.NONE, recovery, clock);
    }

    public ClaimView claim(ClaimDropCommand command) {
        var now = clock.instant();
        String claimId = Ids.timeOrdered(now.toEpochMilli());
        // Checked before the stock decides, so the stock can compare rooms in the same atomic step.
        String admittedRoom = command.admissionToken() == null ? ""
                : admissions.admittedRoom(command.admissionToken(), command.userId()).orElse("");
        ClaimDecision decision = decide(command, claimId, now, admittedRoom);
        if (decision instanceof ClaimDecision.UnknownDrop) {
            // The cache lost the drop (or never had it): rebuild it from storage once that is exact, then decide.
            Drop drop = catalog.find(command.dropId())
                    .orElseThrow(() -> new NotFound("not-found", "No drop " + command.dropId() + "."));
            if (!recovery.recover(drop, now)) throw Recovering.error(command.dropId());
            decision = decide(command, claimId, now, admittedRoom);
        }
        return switch (decision) {
            case ClaimDecision.Accepted accepted when accepted.replay() ->
                    new ClaimView(accepted.claimId(), command.dropId(), command.userId(), ClaimView.Status.ACCEPTED);
            case ClaimDecision.Accepted accepted -> {
                enqueue(command, accepted.claimId(), now.toEpochMilli());
                yield new ClaimView(accepted.claimId(), command.dropId(), command.userId(), ClaimView.Status.ACCEPTED);
            }
            case ClaimDecision.Refused refused when refused.code().equals("not-admitted") -> throw new Forbidden(
                    "not-admitted", "This drop is behind a waiting room: send X-Admission-Token with your admission.");
            case ClaimDecision.Refused refused -> throw new Conflict(refused.code(), detail(refused.code()));
            case ClaimDecision.UnknownDrop unknown -> throw new NotFound("not-found", "No drop " + command.dropId() + ".");
        };
    }

    private ClaimDecision decide(ClaimDropCommand command, String claimId, java.time.Instant now, String admittedRoom) {
        return stock.claim(command.dropId(), command.userId(), claimId, now, command.idempotencyKey(), admittedRoom);
    }

    private void enqueue(ClaimDropCommand command, String claimId, long acceptedAt) {
        var event = new dev.rushgate.model.ClaimAccepted(command.dropId(), claimId, command.userId(), acceptedAt,
                command.idempotencyKey());
        try {
            queue.send(event);
            stock.settled(command.dropId(), claimId);
        } catch (RuntimeException e) {
            // Safe to answer ACCEPTED: the claim is in the outbox, and the sweeper will send it.
            LOG.warn("claim left in outbox for the sweeper", e);
        }
    }

    private static String detail(String code) {
        return switch (code) {
            case "sold-out" -> "Every unit of this drop has been claimed.";
            case "limit-reached" -> "You already hold as many as one person may.";
            case "not-open" -> "This drop is not open yet.";
            case "closed" -> "This drop has closed.";
            default -> "This claim cannot be accepted.";
        };
    }
}
