package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.Conflict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * Cancels a confirmed order (owner or admin). Its seats go first to the show's waitlist, as an offer held for
 * the next person in line for the show's offerSeconds, who is notified; with nobody waiting they return to
 * AVAILABLE. The ledger decides both, and that the charge is owed back, in one transaction; the seat map
 * follows, and the order goes to the payment queue, whose consumer refunds it. If that send fails the sweeper
 * sends it again.
 */
public final class CancelOrder {
    private static final Logger LOG = LoggerFactory.getLogger(CancelOrder.class);
    private final TicketLedger ledger;
    private final SeatMap seatMap;
    private final ViewOrder viewOrder;
    private final DeliverNotices notices;
    private final PaymentQueue queue;
    private final Clock clock;

    public CancelOrder(TicketLedger ledger, SeatMap seatMap, ViewOrder viewOrder, DeliverNotices notices,
                       PaymentQueue queue, Clock clock) {
        this.ledger = ledger;
        this.seatMap = seatMap;
        this.viewOrder = viewOrder;
        this.notices = notices;
        this.queue = queue;
        this.clock = clock;
    }

    public Order cancel(String orderId, String userId, boolean admin) {
        Order order = viewOrder.view(orderId, userId, admin);
        Instant now = clock.instant();
        TicketLedger.Freed freed = ledger.cancel(order.orderId(), now).orElseThrow(() -> new Conflict(
                "not-cancellable", "Only a CONFIRMED order can be cancelled; this one is " + order.status() + "."));
        seatMap.free(order.showId(), order.userId(), order.seatIds(), now);
        freed.offered().ifPresent(offer -> seatMap.place(offer, now));
        notices.deliver(freed.notices());
        try {
            queue.send(order.orderId());
        } catch (RuntimeException e) {
            // Safe to answer: the refund is owed in the ledger, and the sweeper sends orders whose message may be lost.
            LOG.warn("refund left for the sweeper to send", e);
        }
        return freed.order();
    }
}
