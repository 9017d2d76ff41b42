package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes votes the stream holds out of the ballot box's outbox, many at a time: whatever was appended while the
 * previous batch was being settled goes in the next one, so a rush costs a few outbox calls instead of one per
 * vote. At most one drain runs at a time, on {@code executor}, never on the stream's own thread. A settle that
 * fails leaves its votes in the outbox, and the sweeper appends them again: a duplicate the consumer ignores.
 */
public final class Settlements {
    private static final Logger LOG = LoggerFactory.getLogger(Settlements.class);
    private static final int MAX_BATCH = 1_000;

    private final BallotBox ballotBox;
    private final Executor executor;
    private final ConcurrentLinkedQueue<VoteAccepted> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    public Settlements(BallotBox ballotBox, Executor executor) {
        this.ballotBox = ballotBox;
        this.executor = executor;
    }

    /** The stream holds {@code vote}: settle it soon. */
    public void add(VoteAccepted vote) {
        pending.add(vote);
        if (draining.compareAndSet(false, true)) executor.execute(this::drain);
    }

    private void drain() {
        while (true) {
            List<VoteAccepted> batch = new ArrayList<>();
            for (VoteAccepted vote; batch.size() < MAX_BATCH && (vote = pending.poll()) != null; ) batch.add(vote);
            if (batch.isEmpty()) {
                draining.set(false);
                // a vote added between the last poll and the reset would otherwise wait for the next one
                if (pending.isEmpty() || !draining.compareAndSet(false, true)) return;
                continue;
            }
            try {
                ballotBox.settledAll(batch);
            } catch (RuntimeException e) {
                LOG.warn("{} votes left in the outbox for the sweeper: {}", batch.size(), e.toString());
            }
        }
    }
}
