package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.BadInput;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A user's request to hold some seats of a show, all or nothing; {@code idempotencyKey} (may be null) makes a
 * retry answer the first hold.
 */
public record HoldSeatsCommand(String showId, String userId, List<String> seatIds, String admissionToken,
                               String idempotencyKey) {
    private static final Pattern SEAT = Pattern.compile("[A-Za-z0-9]{1,16}-[1-9][0-9]{0,3}-[1-9][0-9]{0,3}");
    /** More than any show's maxSeatsPerUser may allow. */
    public static final int MAX_SEATS = 50;

    public HoldSeatsCommand {
        if (seatIds == null || seatIds.isEmpty()) throw new BadInput("invalid-field", "seatIds must name at least one seat");
        if (seatIds.size() > MAX_SEATS) throw new BadInput("invalid-field", "seatIds names at most " + MAX_SEATS + " seats");
        for (String seat : seatIds) {
            if (seat == null || !SEAT.matcher(seat).matches()) {
                throw new BadInput("invalid-field", "seatIds[] look like A-12-7");
            }
        }
        if (new HashSet<>(seatIds).size() != seatIds.size()) {
            throw new BadInput("invalid-field", "seatIds names a seat twice");
        }
        seatIds = List.copyOf(seatIds);
    }
}
