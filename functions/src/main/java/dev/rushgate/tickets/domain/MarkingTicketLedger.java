package dev.rushgate.tickets.domain;

import dev.rushgate.platform.DueWork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ledger, marking in {@link DueWork} when a change will give the sweep work: a hold's expiry, an order's resend
 * time, and for changes that may make notices or waitlist offers, the notices' retry time. So the sweep knows, without
 * a query, whether the database has work for it.
 *
 * <p>Marks go <em>before</em> the change: a change that then fails leaves a mark that costs one sweep a query, and a
 * function that dies right after committing leaves nothing unmarked. A mark need not name everything the change
 * made: every sweep that reads the ledger also marks what the ledger says falls due next (an offer's expiry, say).
 */
public final class MarkingTicketLedger implements TicketLedger {
    /** A step the sweep resends after (SweepHolds.RESEND_AFTER), and a second for the clock. */
    static final Duration ORDER_DUE = SweepHolds.RESEND_AFTER.plusSeconds(1);
    /** A notice the sweep retries after (SweepHolds.NOTICE_AFTER), and a second. */
    static final Duration NOTICE_DUE = SweepHolds.NOTICE_AFTER.plusSeconds(1);

    private final TicketLedger ledger;
    private final DueWork due;
    private final Clock clock;

    public MarkingTicketLedger(TicketLedger ledger, DueWork due, Clock clock) {
        this.ledger = ledger;
        this.due = due;
        this.clock = clock;
    }

    private void markHold(Hold hold) {
        due.due("hold:" + hold.holdId(), hold.expiresAt());
    }

    private void markOrder(String orderId) {
        due.due("order:" + orderId, clock.instant().plus(ORDER_DUE));
    }

    /** A change that may make notices (tried by the sweep after {@link #NOTICE_DUE}) or an offer. */
    private void markNotices() {
        due.due("notices", clock.instant().plus(NOTICE_DUE));
    }

    @Override
    public boolean create(Show show) {
        return ledger.create(show);
    }

    @Override
    public Optional<Show> show(String showId) {
        return ledger.show(showId);
    }

    @Override
    public Optional<HotState> hotState(String showId) {
        return ledger.hotState(showId);
    }

    @Override
    public Page<SeatView> seats(String showId, String section, String cursor, int limit) {
        return ledger.seats(showId, section, cursor, limit);
    }

    @Override
    public boolean recordHold(Hold hold, Instant now) {
        markHold(hold);
        return ledger.recordHold(hold, now);
    }

    @Override
    public Recorded recordHold(Hold hold, String idempotencyKey, Instant now) {
        markHold(hold);
        return ledger.recordHold(hold, idempotencyKey, now);
    }

    @Override
    public Optional<Hold> holdByKey(String showId, String userId, String idempotencyKey) {
        return ledger.holdByKey(showId, userId, idempotencyKey);
    }

    @Override
    public Optional<Hold> hold(String holdId) {
        return ledger.hold(holdId);
    }

    @Override
    public boolean release(String holdId) {
        markNotices();
        return ledger.release(holdId);
    }

    @Override
    public PaymentStart startPayment(Hold hold, String orderId, String paymentToken, Instant now) {
        markOrder(orderId);
        return ledger.startPayment(hold, orderId, paymentToken, now);
    }

    @Override
    public Optional<Order> order(String orderId) {
        return ledger.order(orderId);
    }

    @Override
    public Order confirm(String orderId, String chargeId, Instant now) {
        markNotices();
        return ledger.confirm(orderId, chargeId, now);
    }

    @Override
    public Freed fail(String orderId, Instant now) {
        markNotices();
        return ledger.fail(orderId, now);
    }

    @Override
    public Optional<Freed> cancel(String orderId, Instant now) {
        markNotices();
        markOrder(orderId); // its refund is owed: resent like a payment
        return ledger.cancel(orderId, now);
    }

    @Override
    public Order refunded(String orderId, String refundId, Instant now) {
        markNotices(); // its ORDER_REFUNDED notice
        return ledger.refunded(orderId, refundId, now);
    }

    @Override
    public List<Lapsed> expireDue(Instant now, int max) {
        // only the sweep lapses holds, and it marks what the ledger says falls due next itself
        return ledger.expireDue(now, max);
    }

    @Override
    public List<Order> unsettledBefore(Instant before, int max) {
        return ledger.unsettledBefore(before, max);
    }

    @Override
    public long joinWaitlist(String showId, String userId) {
        return ledger.joinWaitlist(showId, userId);
    }

    @Override
    public List<Notice> undeliveredOfOrder(String orderId) {
        return ledger.undeliveredOfOrder(orderId);
    }

    @Override
    public List<Notice> undelivered(Instant before, int max) {
        return ledger.undelivered(before, max);
    }

    @Override
    public void delivered(String notificationId, Instant at) {
        ledger.delivered(notificationId, at);
    }

    @Override
    public Optional<Instant> nextDue(Instant now, boolean notices) {
        return ledger.nextDue(now, notices);
    }
}
