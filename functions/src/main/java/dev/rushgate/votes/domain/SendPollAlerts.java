package dev.rushgate.votes.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final TallyBook tallies;
    private final PollCatalog catalog;
    private final AlertChannel channel;

    public SendPollAlerts(TallyBook tallies, PollCatalog catalog, AlertChannel channel) {
        this.tallies = tallies;
        this.catalog = catalog;
        this.channel = channel;
    }

    /** @return how many alerts were sent; what could not be sent stays for the next run */
    public int sendPending() {
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
            return 0;
        }
    }
}
