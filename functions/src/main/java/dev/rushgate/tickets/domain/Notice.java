package dev.rushgate.tickets.domain;

import java.time.Instant;
import java.util.List;

/**
 * A stored message to one user. {@code SEATS_OFFERED}: freed seats are held for them as {@code holdId} until
 * {@code expiresAt} (pay that hold to take them); {@code OFFER_LAPSED}: that offer went to the next in line.
 */
public record Notice(String notificationId, String userId, String showId, String kind, String holdId,
                     List<String> seatIds, Instant expiresAt, Instant createdAt) {
    public Notice {
        seatIds = List.copyOf(seatIds);
    }
}
