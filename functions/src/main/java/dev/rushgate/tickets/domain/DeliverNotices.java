package dev.rushgate.tickets.domain;

import dev.rushgate.notices.domain.NoticeQueue;

import dev.rushgate.model.NoticeIssued;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hands notices the ledger stored to the notices queue and records that it took them; the sweeper hands over again
 * those a crash or a refused send left behind (their ids keep them to one notice each).
 */
public final class DeliverNotices {
    private final TicketLedger ledger;
    private final NoticeQueue queue;
    private final Clock clock;

    public DeliverNotices(TicketLedger ledger, NoticeQueue queue, Clock clock) {
        this.ledger = ledger;
        this.queue = queue;
        this.clock = clock;
    }

    /** Whether there is a queue to hand notices to (a deployment without the notices feature keeps them stored). */
    public boolean enabled() {
        return queue != NoticeQueue.NONE;
    }

    /** Hands over the order's notices (its outcome, its refund) not handed over yet; reads nothing without a queue. */
    public int deliverOrder(String orderId) {
        return enabled() ? deliver(ledger.undeliveredOfOrder(orderId)) : 0;
    }

    /** Answers how many were handed over. */
    public int deliver(List<Notice> notices) {
        if (!enabled() || notices.isEmpty()) return 0;
        try {
            // one read a show of the batch, for its webhook (mostly one show)
            Map<String, Optional<String>> webhooks = new HashMap<>();
            List<NoticeIssued> issued = notices.stream().map(n -> n.issued(webhooks.computeIfAbsent(n.showId(),
                    id -> ledger.show(id).map(Show::webhookUrl)).orElse(null))).toList();
            queue.send(issued);
        } catch (RuntimeException e) {
            return 0; // the sweeper tries again
        }
        for (Notice notice : notices) ledger.delivered(notice.notificationId(), clock.instant());
        return notices.size();
    }
}
