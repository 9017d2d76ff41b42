package dev.rushgate.tickets.domain;

import java.time.Clock;
import java.util.List;

/** Sends stored notices to the webhook, if there is one, and records which it took; the sweeper retries the rest. */
public final class DeliverNotices {
    private final TicketLedger ledger;
    private final Notifier notifier;
    private final Clock clock;

    public DeliverNotices(TicketLedger ledger, Notifier notifier, Clock clock) {
        this.ledger = ledger;
        this.notifier = notifier;
        this.clock = clock;
    }

    public boolean enabled() {
        return notifier.enabled();
    }

    /** Answers how many were taken. */
    public int deliver(List<Notice> notices) {
        if (!notifier.enabled()) return 0;
        int taken = 0;
        for (Notice notice : notices) {
            boolean sent;
            try {
                sent = notifier.send(notice);
            } catch (RuntimeException e) {
                sent = false;
            }
            if (sent) {
                ledger.delivered(notice.notificationId(), clock.instant());
                taken++;
            }
        }
        return taken;
    }
}
