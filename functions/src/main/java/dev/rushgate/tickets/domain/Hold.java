package dev.rushgate.tickets.domain;

import java.time.Instant;
import java.util.List;

/**
 * Seats set aside for one user until {@code expiresAt}, all or nothing.
 *
 * @param status ACTIVE (may lapse), PAYING (a payment is in progress: never lapses), ORDERED, RELEASED, EXPIRED
 * @param offer  a waitlist offer of freed seats: when it lapses the seats go to the next in line
 */
public record Hold(String holdId, String showId, String userId, List<String> seatIds, long amountCents,
                   Instant expiresAt, String status, boolean offer) {
    public Hold {
        seatIds = List.copyOf(seatIds);
    }

    public boolean live() {
        return status.equals("ACTIVE") || status.equals("PAYING");
    }

    public boolean paying() {
        return status.equals("PAYING");
    }
}
