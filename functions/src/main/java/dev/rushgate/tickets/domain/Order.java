package dev.rushgate.tickets.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a paid hold becomes. PENDING until the payment consumer charges it, then CONFIRMED (seats SOLD) or
 * FAILED (seats released); a CONFIRMED order may be CANCELLED, which frees its seats and owes its charge
 * back: {@code refund} is PENDING until the payment consumer has refunded it, then REFUNDED.
 *
 * @param chargeId the provider's charge, once CONFIRMED; null before
 */
public record Order(String orderId, String holdId, String showId, String userId, List<String> seatIds,
                    long amountCents, Status status, String paymentToken, String chargeId, Refund refund) {

    public enum Status { PENDING, CONFIRMED, FAILED, CANCELLED }

    /** What is owed back: nothing, a refund not yet made, or one made. */
    public enum Refund { NONE, PENDING, REFUNDED }

    public Order {
        seatIds = List.copyOf(seatIds);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(refund, "refund");
    }

    /** A new order, not yet charged. */
    public static Order pending(String orderId, Hold hold, String paymentToken) {
        return new Order(orderId, hold.holdId(), hold.showId(), hold.userId(), hold.seatIds(), hold.amountCents(),
                Status.PENDING, paymentToken, null, Refund.NONE);
    }

    public Order with(Status status) {
        return new Order(orderId, holdId, showId, userId, seatIds, amountCents, status, paymentToken, chargeId, refund);
    }
}
