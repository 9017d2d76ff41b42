package dev.rushgate.tickets.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hot seat state of each show (Redis): decides holds in one atomic step and lets unpaid holds lapse by
 * themselves when anything reads or decides after their {@code expiresAt}. It may lose a show (a flush, a
 * restart): {@link #load} rebuilds it from the ledger, which stays the truth.
 */
public interface SeatMap {

    /** Holds every seat or none: all must be AVAILABLE and the user stay within the show's limit. */
    HoldDecision hold(String showId, String userId, String holdId, List<String> seatIds, Instant now,
                      String admittedRoom);

    /** The counts after letting due holds lapse; empty when the show is not loaded. */
    Optional<SeatCounts> counts(String showId, Instant now);

    /** Statuses (AVAILABLE, HELD, SOLD) of the given seats of the show's map. */
    Map<String, String> statuses(String showId, List<String> seatIds);

    /** Replaces the show's whole state with {@code state}. */
    void load(HotState state);

    /** Marks a hold as paying so that it never lapses: "paying", "expired" or "absent". */
    String pay(String showId, String holdId, Instant now);

    /** Undoes {@link #pay}: the hold may lapse again. */
    void unpay(String showId, String holdId, Instant now);

    /** Returns the hold's seats (those it still has) to AVAILABLE and forgets it. */
    void release(String showId, String holdId, Instant now);

    /** Marks the hold's seats SOLD and forgets the hold. */
    void sell(String showId, String holdId, Instant now);

    /** Holds the hold's seats for it, whatever they were: the ledger has decided (a waitlist offer). */
    void place(Hold hold, Instant now);

    /** Returns sold seats of a cancelled order to AVAILABLE. */
    void free(String showId, String buyerId, List<String> seatIds, Instant now);

    /** Takes the right to load a show for a while; false when someone else is loading it. */
    boolean startLoading(String showId);

    void doneLoading(String showId);
}
