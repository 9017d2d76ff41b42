package dev.rushgate.tickets.handler;

import dev.rushgate.tickets.domain.Hold;
import dev.rushgate.tickets.domain.Order;
import dev.rushgate.tickets.domain.SeatCounts;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of ticketing's answers (CONTRACT.md, "Ticketing"). */
final class ShowAnswer {
    private ShowAnswer() {}

    static Map<String, Object> show(String showId, SeatCounts counts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("showId", showId);
        body.put("total", counts.total());
        body.put("available", counts.available());
        body.put("held", counts.held());
        body.put("sold", counts.sold());
        return body;
    }

    /** A show as its definition answers it: the counts, and the owner it was given (omitted when none). */
    static Map<String, Object> show(String showId, SeatCounts counts, String ownerId) {
        Map<String, Object> body = show(showId, counts);
        if (ownerId != null) body.put("ownerId", ownerId);
        return body;
    }

    static Map<String, Object> hold(Hold hold) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("holdId", hold.holdId());
        body.put("showId", hold.showId());
        body.put("seatIds", hold.seatIds());
        body.put("amountCents", hold.amountCents());
        body.put("expiresAt", hold.expiresAt().toString());
        return body;
    }

    static Map<String, Object> order(Order order) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", order.orderId());
        body.put("status", order.status().name());
        body.put("showId", order.showId());
        body.put("holdId", order.holdId());
        body.put("seatIds", order.seatIds());
        body.put("amountCents", order.amountCents());
        if (order.refund() != Order.Refund.NONE) body.put("refund", order.refund().name());
        return body;
    }
}
