package dev.rushgate.tickets.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * On a schedule: lets holds due by now lapse in the ledger and the seat map (never holds being paid for; a
 * lapsed waitlist offer goes to the next in line), sends again orders whose queue message may have been lost
 * (PENDING ones, and cancelled ones owed a refund), and retries notices the webhook has not taken. The seat map also lets holds lapse lazily on
 * every read, so seats come back on time even between runs.
 */
public final class SweepHolds {
    private static final Logger LOG = LoggerFactory.getLogger(SweepHolds.class);
    private static final Duration RESEND_AFTER = Duration.ofSeconds(60);
    private static final int BATCH = 500;

    /** What one run did. */
    public record Swept(int lapsed, int offered, int resent, int delivered) {}

    private final TicketLedger ledger;
    private final SeatMap seatMap;
    private final PaymentQueue queue;
    private final DeliverNotices notices;
    private final Clock clock;

    public SweepHolds(TicketLedger ledger, SeatMap seatMap, PaymentQueue queue, DeliverNotices notices, Clock clock) {
        this.ledger = ledger;
        this.seatMap = seatMap;
        this.queue = queue;
        this.notices = notices;
        this.clock = clock;
    }

    public Swept sweep() {
        Instant now = clock.instant();
        int lapsed = 0;
        int offered = 0;
        var due = ledger.expireDue(now, BATCH);
        for (TicketLedger.Lapsed l : due) {
            seatMap.release(l.hold().showId(), l.hold().holdId(), now);
            if (l.offered().isPresent()) {
                seatMap.place(l.offered().get(), now);
                offered++;
            }
            notices.deliver(l.notices());
            lapsed++;
        }
        int resent = 0;
        for (Order order : ledger.unsettledBefore(now.minus(RESEND_AFTER), BATCH)) {
            try {
                queue.send(order.orderId());
                resent++;
            } catch (RuntimeException e) {
                LOG.warn("unsettled order not resent", e);
            }
        }
        int delivered = 0;
        if (notices.enabled()) delivered = notices.deliver(ledger.undelivered(now.minusSeconds(10), BATCH));
        return new Swept(lapsed, offered, resent, delivered);
    }
}
