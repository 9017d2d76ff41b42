package dev.rushgate.drops.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Rebuilds a drop the cache lost from its stored claims, exactly: never selling a unit twice, never losing a claim
 * that was answered ACCEPTED.
 *
 * <p>Why waiting for an empty claims queue makes it exact: every claim answered ACCEPTED was sent to the claims queue
 * before the answer (or sits in the cache's outbox, which the rebuild counts). Once the cache has lost the drop no
 * claim of it is accepted, so from then on its claims on the way can only reach storage. When the claims queue and its
 * dead-letter queue have been seen empty for {@code settle} (longer than a claim's send, and than SQS's counts lag),
 * every claim accepted before the loss is stored, and the stored claims are the whole truth. A claim in the
 * dead-letter queue keeps the drop waiting until an operator redrives it: it was accepted, so it counts.
 *
 * <p>Until then callers are told to retry ({@link #recover} is false). One caller at a time checks the queue; the
 * others wait without a call to SQS.
 */
public final class RecoverDrop {
    /** How long one caller holds the check, which also spaces the checks out. */
    static final Duration HOLD = Duration.ofSeconds(1);

    private final StockRecovery stock;
    private final ClaimPipeline pipeline;
    private final ClaimLedger ledger;
    private final Duration settle;

    public RecoverDrop(StockRecovery stock, ClaimPipeline pipeline, ClaimLedger ledger, Duration settle) {
        this.stock = stock;
        this.pipeline = pipeline;
        this.ledger = ledger;
        this.settle = settle;
    }

    /** True when the cache knows {@code drop} again (rebuilt now or by someone else); false: try again later. */
    public boolean recover(Drop drop, Instant now) {
        if (!stock.takeRebuild(drop.dropId(), HOLD)) return false;
        return switch (stock.quiet(drop.dropId(), pipeline.drained(), now, settle)) {
            case KNOWN -> true;
            case WAIT -> false;
            case REBUILD -> {
                stock.restore(drop, ledger.all(drop.dropId()));
                yield true;
            }
        };
    }
}
