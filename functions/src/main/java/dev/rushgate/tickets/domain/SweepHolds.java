package dev.rushgate.tickets.domain;

import dev.rushgate.platform.DueWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * On a schedule: lets holds due by now lapse in the ledger and the seat map (never holds being paid for; a
 * lapsed waitlist offer goes to the next in line), sends again orders whose queue message may have been lost
 * (PENDING ones, and cancelled ones owed a refund), and retries notices the webhook has not taken. The seat map also lets holds lapse lazily on
 * every read, so seats come back on time even between runs.
 */
public final class SweepHolds {
    private static final Logger LOG = LoggerFactory.getLogger(SweepHolds.class);
    /** An unsettled order's queue message is sent again this long after its last step. */
    static final Duration RESEND_AFTER = Duration.ofSeconds(60);
    /** A notice the webhook has not taken is tried again this long after it was made. */
    static final Duration NOTICE_AFTER = Duration.ofSeconds(10);
    private static final int BATCH = 500;

    /** What one run did. */
    public record Swept(int lapsed, int offered, int resent, int delivered) {}

    private final TicketLedger ledger;
    private final SeatMap seatMap;
    private final PaymentQueue queue;
    private final DeliverNotices notices;
    private final DueWork due;
    private final Clock clock;

    /** @param due what the writers marked as falling due: a sweep with nothing due never touches the ledger */
    public SweepHolds(TicketLedger ledger, SeatMap seatMap, PaymentQueue queue, DeliverNotices notices, DueWork due,
                      Clock clock) {
        this.ledger = ledger;
        this.seatMap = seatMap;
        this.queue = queue;
        this.notices = notices;
        this.due = due;
        this.clock = clock;
    }

    public Swept sweep() {
        Instant now = clock.instant();
        DueWork.Check check = due.check(now);
        if (check == DueWork.Check.NOTHING_DUE) return new Swept(0, 0, 0, 0);
        int lapsed = 0;
        int offered = 0;
        var expired = ledger.expireDue(now, BATCH);
        for (TicketLedger.Lapsed l : expired) {
            seatMap.release(l.hold().showId(), l.hold().holdId(), now);
            if (l.offered().isPresent()) {
                seatMap.place(l.offered().get(), now);
                offered++;
            }
            notices.deliver(l.notices());
            lapsed++;
        }
        int resent = 0;
        List<Order> unsettled = ledger.unsettledBefore(now.minus(RESEND_AFTER), BATCH);
        for (Order order : unsettled) {
            try {
                queue.send(order.orderId());
                resent++;
            } catch (RuntimeException e) {
                LOG.warn("unsettled order not resent", e);
            }
        }
        int delivered = 0;
        int undelivered = 0;
        if (notices.enabled()) {
            List<Notice> waiting = ledger.undelivered(now.minus(NOTICE_AFTER), BATCH);
            undelivered = waiting.size();
            delivered = notices.deliver(waiting);
        }
        boolean complete = expired.size() < BATCH && unsettled.size() < BATCH && undelivered < BATCH;
        due.swept(now, complete, ledger.nextDue(now, notices.enabled()), check == DueWork.Check.UNKNOWN);
        return new Swept(lapsed, offered, resent, delivered);
    }
}
