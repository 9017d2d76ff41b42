package dev.rushgate.notices.domain;

import dev.rushgate.model.NoticeIssued;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A notice as users and the operator's webhook read it: {@code notificationId}, {@code kind}, {@code read}, what it is
 * about (only the fields it has: {@code dropId}, {@code claimId}, {@code showId}, {@code holdId}, {@code orderId},
 * {@code seatIds}, {@code amountCents}, {@code expiresAt}), {@code createdAt} and, once read, {@code readAt}.
 */
public final class NoticeBody {
    private NoticeBody() {}

    public static Map<String, Object> of(NoticeIssued n, Instant readAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationId", n.notificationId());
        body.put("kind", n.kind());
        body.put("read", readAt != null);
        putIfPresent(body, "dropId", n.dropId());
        putIfPresent(body, "claimId", n.claimId());
        putIfPresent(body, "showId", n.showId());
        putIfPresent(body, "holdId", n.holdId());
        putIfPresent(body, "orderId", n.orderId());
        if (n.showId() != null) body.put("seatIds", n.seatIds());
        putIfPresent(body, "amountCents", n.amountCents());
        if (n.expiresAt() != null) body.put("expiresAt", Instant.ofEpochMilli(n.expiresAt()).toString());
        body.put("createdAt", Instant.ofEpochMilli(n.createdAt()).toString());
        if (readAt != null) body.put("readAt", readAt.toString());
        return body;
    }

    private static void putIfPresent(Map<String, Object> body, String key, Object value) {
        if (value != null) body.put(key, value);
    }
}
