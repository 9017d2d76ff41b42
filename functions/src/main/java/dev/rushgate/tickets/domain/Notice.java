package dev.rushgate.tickets.domain;

import dev.rushgate.model.NoticeIssued;

import java.time.Instant;
import java.util.List;

/**
 * A notice to one user, written in the same transaction as the fact it tells (the ledger's outbox), then handed to the
 * notices queue. Its id is made from the fact, so handing it over twice makes one notice. {@code SEATS_OFFERED}:
 * freed seats are held for them as {@code holdId} until {@code expiresAt}; {@code OFFER_LAPSED}: that offer went to
 * the next in line; {@code ORDER_CONFIRMED}, {@code ORDER_FAILED}, {@code ORDER_REFUNDED}: what became of
 * {@code orderId}.
 */
public record Notice(String notificationId, String userId, String showId, String kind, String holdId,
                     List<String> seatIds, Instant expiresAt, Instant createdAt, String orderId, Long amountCents) {
    public Notice {
        seatIds = List.copyOf(seatIds);
    }

    /** The notice as the notices queue carries it, with the show's webhook (or null). */
    public NoticeIssued issued(String webhookUrl) {
        return new NoticeIssued(notificationId, userId, kind, null, null, showId, holdId, orderId, seatIds,
                amountCents, expiresAt == null ? null : expiresAt.toEpochMilli(), createdAt.toEpochMilli(), webhookUrl);
    }
}
