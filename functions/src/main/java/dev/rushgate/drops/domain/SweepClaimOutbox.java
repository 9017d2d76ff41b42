package dev.rushgate.drops.domain;

import dev.rushgate.model.ClaimAccepted;

import java.time.Clock;
import java.time.Duration;

/**
 * Sends again every accepted claim that has sat in the outbox longer than {@code grace}: its first send
 * failed, or the process died between accepting and sending. The consumer's idempotency makes a
 * duplicate harmless, so the grace only needs to outlast a normal send.
 */
public final class SweepClaimOutbox {
    public static final Duration GRACE = Duration.ofSeconds(10);
    private static final int BATCH = 500;

    private final DropCatalog catalog;
    private final Stock stock;
    private final ClaimQueue queue;
    private final Clock clock;

    public SweepClaimOutbox(DropCatalog catalog, Stock stock, ClaimQueue queue, Clock clock) {
        this.catalog = catalog;
        this.stock = stock;
        this.queue = queue;
        this.clock = clock;
    }

    /** @return how many claims were sent again */
    public int sweep() {
        var before = clock.instant().minus(GRACE);
        int sent = 0;
        for (String dropId : catalog.dropIds()) {
            for (ClaimAccepted claim : stock.unsent(dropId, before, BATCH)) {
                queue.send(claim);
                stock.settled(dropId, claim.claimId());
                sent++;
            }
        }
        return sent;
    }
}
