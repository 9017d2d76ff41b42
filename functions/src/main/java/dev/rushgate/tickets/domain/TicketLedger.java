package dev.rushgate.tickets.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The durable record of shows, holds, orders, the waitlist and notices (PostgreSQL). Its constraint that a
 * seat is claimed (held or sold) at most once is the last line against a double sale; every change is one
 * transaction and safe to repeat.
 */
public interface TicketLedger {

    /** Writes the show and its whole seat map: true when created, false when it existed with the same terms. */
    boolean create(Show show);

    Optional<Show> show(String showId);

    /** What the seat map needs to rebuild the show. */
    Optional<HotState> hotState(String showId);

    /** A page of the seat map in map order, optionally one section. */
    Page<SeatView> seats(String showId, String section, String cursor, int limit);

    /**
     * Records a hold decided by the seat map; false (and nothing written) when one of its seats is claimed in
     * the ledger by a live hold or an order. Holds due by {@code now} (not paying, not offers) give way.
     */
    boolean recordHold(Hold hold, Instant now);

    /**
     * As {@link #recordHold(Hold, Instant)}, under the caller's idempotency key: when the user already made a hold of
     * this show with that key, nothing is written and that hold is answered.
     */
    sealed interface Recorded {
        record Done() implements Recorded {}
        record SeatsTaken() implements Recorded {}
        record Replay(Hold first) implements Recorded {}
    }

    Recorded recordHold(Hold hold, String idempotencyKey, Instant now);

    /** The hold the user made in this show with this idempotency key. */
    Optional<Hold> holdByKey(String showId, String userId, String idempotencyKey);

    Optional<Hold> hold(String holdId);

    /** ACTIVE → RELEASED, its seats unclaimed: false when the hold was not ACTIVE. */
    boolean release(String holdId);

    /** The answer to a payment request. */
    sealed interface PaymentStart {
        record Started(Order order) implements PaymentStart {}
        record Existing(Order order) implements PaymentStart {}
        record Expired() implements PaymentStart {}
    }

    /** ACTIVE and unexpired → PAYING with a new PENDING order; the hold's existing order if it has one. */
    PaymentStart startPayment(Hold hold, String orderId, String paymentToken, Instant now);

    Optional<Order> order(String orderId);

    /** PENDING → CONFIRMED and the seats SOLD; the order as it now is (already final: unchanged). */
    Order confirm(String orderId, String chargeId, Instant now);

    /** Seats freed by a change, and the waitlist offer (a hold) they went to, if anyone was waiting. */
    record Freed(Order order, Optional<Hold> offered, List<Notice> notices) {}

    /** PENDING → FAILED, the hold released (an offer goes to the next in line). */
    Freed fail(String orderId, Instant now);

    /**
     * CONFIRMED → CANCELLED with its charge owed back (refund PENDING); empty when the order is not CONFIRMED.
     * The seats go to the waitlist, else to all.
     */
    Optional<Freed> cancel(String orderId, Instant now);

    /** Refund PENDING → REFUNDED with the provider's refund id; the order as it now is (already refunded: unchanged). */
    Order refunded(String orderId, String refundId, Instant now);

    /** One hold that lapsed, and the offer its seats went to. */
    record Lapsed(Hold hold, Optional<Hold> offered, List<Notice> notices) {}

    /** Lets up to {@code max} holds due by {@code now} lapse (never PAYING ones). */
    List<Lapsed> expireDue(Instant now, int max);

    /**
     * Orders the payment consumer still owes a step, last touched before {@code before} (and not long before):
     * PENDING ones, and CANCELLED ones with a refund PENDING. Their queue message may have been lost.
     */
    List<Order> unsettledBefore(Instant before, int max);

    /** Joins the show's waitlist (again: same place). Answers the position in line. */
    long joinWaitlist(String showId, String userId);

    /** The order's notices (confirmed, failed, refunded) not yet handed to the notices queue. */
    List<Notice> undeliveredOfOrder(String orderId);

    /** Notices not yet taken by the webhook, made before {@code before}. */
    List<Notice> undelivered(Instant before, int max);

    void delivered(String notificationId, Instant at);

    /**
     * When the sweep next has work, as of {@code now}: the first live hold's expiry, the first unsettled order's resend
     * time (within the ten minutes it is resent), and with {@code notices} the first undelivered notice's retry time.
     * Empty when nothing is waiting.
     */
    Optional<Instant> nextDue(Instant now, boolean notices);
}
