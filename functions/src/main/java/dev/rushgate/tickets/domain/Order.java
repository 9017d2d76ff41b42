package dev.rushgate.tickets.domain;

import java.util.List;

/**
 * What a paid hold becomes. PENDING until the payment consumer charges it, then CONFIRMED (seats SOLD) or
 * FAILED (seats released); a CONFIRMED order may be CANCELLED, which frees its seats.
 */
public record Order(String orderId, String holdId, String showId, String userId, List<String> seatIds,
                    long amountCents, Status status, String paymentToken) {

    public enum Status { PENDING, CONFIRMED, FAILED, CANCELLED }

    public Order {
        seatIds = List.copyOf(seatIds);
    }
}
