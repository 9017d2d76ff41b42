package dev.rushgate.votes.domain;

import dev.rushgate.platform.DueWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the alerts waiting in the outbox (recorded by the counting transaction) to the alert channel. Run
 * by the consumer right after each batch and on a schedule for what a crash left behind. An alert leaves the
 * outbox per channel only once sent there; a sender that dies in between sends it again (same alert id)
 * on the next run, so delivery is at least once and a duplicate carries the same id.
 */
public final class SendPollAlerts {
    private static final Logger LOG = LoggerFactory.getLogger(SendPollAlerts.class);
    private static final int BATCH = 100;

    /** When the schedule looks for alerts a counting batch may have left: after its next run. */
    static final Duration LOOK_AFTER = Duration.ofSeconds(61);

    private final TallyBook tallies;
    private final PollCatalog catalog;
    private final AlertChannel channel;
    private final DueWork due;
    private final Clock clock;

    /**
     * @param due when the outbox may hold alerts: counting marks it before it can fire one, so the schedule reads the
     *            database only then (and Aurora may pause between votes)
     */
    public SendPollAlerts(TallyBook tallies, PollCatalog catalog, AlertChannel channel, DueWork due, Clock clock) {
        this.tallies = tallies;
        this.catalog = catalog;
        this.channel = channel;
        this.due = due;
        this.clock = clock;
    }

    /** Before counting votes of a poll with alerts: the schedule then checks the outbox once after its next run. */
    public void expect() {
        due.due("counted", clock.instant().plus(LOOK_AFTER));
    }

    /** The schedule's run: sends what counting left in the outbox, reading the database only when it may hold any. */
    public int sweep() {
        Instant now = clock.instant();
        DueWork.Check check = due.check(now);
        if (check == DueWork.Check.NOTHING_DUE) return 0;
        int sent = drain();
        boolean complete = sent >= 0 && sent < BATCH;
        // what is left (a failed send, a full batch) is looked at again on the next run
        due.swept(now, complete, complete ? Optional.empty() : Optional.of(now), check == DueWork.Check.UNKNOWN);
        return Math.max(sent, 0);
    }

    /** @return how many alerts were sent; what could not be sent stays for the next run */
    public int sendPending() {
        int sent = drain();
        if (sent < 0 || sent == BATCH) due.due("left", clock.instant()); // the next run sends the rest
        return Math.max(sent, 0);
    }

    /** Sends up to a batch of waiting alerts: how many, or -1 when sending failed. */
    private int drain() {
        Map<String, Optional<Poll>> polls = new HashMap<>();
        try {
            return tallies.drainAlerts((alert, to) -> {
                switch (to) {
                    case KAFKA -> channel.publish(alert);
                    case WEBHOOK -> {
                        Optional<Poll> poll = polls.computeIfAbsent(alert.pollId(), catalog::find);
                        // a webhook removed since the alert fired: nothing to send it to
                        if (poll.isPresent() && poll.get().webhookUrl() != null) {
                            channel.notify(alert, poll.get().question(), poll.get().webhookUrl());
                        }
                    }
                }
            }, BATCH);
        } catch (RuntimeException e) {
            // The alert is still in the outbox: the schedule sends it again. Counting must not fail for it.
            LOG.warn("alerts left in the outbox: {}", e.toString());
            return -1;
        }
    }
}
