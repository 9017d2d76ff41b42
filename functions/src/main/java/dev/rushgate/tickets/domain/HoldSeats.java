package dev.rushgate.tickets.domain;

import dev.rushgate.platform.Ids;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.Forbidden;
import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;
import java.time.Instant;

/**
 * Holds seats: decided in one atomic step of the seat map, then recorded in the ledger before the caller
 * hears 201, so an answered hold survives the seat map. If the ledger refuses (the seat map had lost a
 * claim), the seat map's hold is undone and the caller hears seat-unavailable, as if it had been refused
 * in the first place.
 */
public final class HoldSeats {
    private final SeatMap seatMap;
    private final TicketLedger ledger;
    private final RestoreSeatMap restore;
    private final Gate gate;
    private final Clock clock;

    public HoldSeats(SeatMap seatMap, TicketLedger ledger, RestoreSeatMap restore, Gate gate, Clock clock) {
        this.seatMap = seatMap;
        this.ledger = ledger;
        this.restore = restore;
        this.gate = gate;
        this.clock = clock;
    }

    public Hold hold(HoldSeatsCommand command) {
        if (command.idempotencyKey() != null) {
            var first = ledger.holdByKey(command.showId(), command.userId(), command.idempotencyKey());
            if (first.isPresent()) return first.get();
        }
        Instant now = clock.instant();
        String holdId = Ids.timeOrdered(now.toEpochMilli());
        String admitted = command.admissionToken() == null ? ""
                : gate.admittedRoom(command.admissionToken(), command.userId()).orElse("");
        HoldDecision decision = decide(command, holdId, now, admitted);
        if (decision instanceof HoldDecision.Unknown) {
            restore.restore(command.showId(), now);
            decision = decide(command, holdId, now, admitted);
        }
        return switch (decision) {
            case HoldDecision.Held held -> record(command, holdId, held, now);
            case HoldDecision.Refused refused when refused.code().equals("not-admitted") -> throw new Forbidden(
                    "not-admitted", "This show is behind a waiting room: send X-Admission-Token with your admission.");
            case HoldDecision.Refused refused when refused.code().equals("unknown-seat") ->
                    throw new Conflict("seat-unavailable", "A seat you asked for is not in this show.");
            case HoldDecision.Refused refused -> throw new Conflict(refused.code(), detail(refused.code()));
            case HoldDecision.Unknown unknown -> throw new NotFound("not-found", "No show " + command.showId() + ".");
        };
    }

    private HoldDecision decide(HoldSeatsCommand command, String holdId, Instant now, String admitted) {
        return seatMap.hold(command.showId(), command.userId(), holdId, command.seatIds(), now, admitted);
    }

    private Hold record(HoldSeatsCommand command, String holdId, HoldDecision.Held held, Instant now) {
        Hold hold = new Hold(holdId, command.showId(), command.userId(), command.seatIds(), held.amountCents(),
                held.expiresAt(), "ACTIVE", false);
        TicketLedger.Recorded recorded;
        try {
            recorded = command.idempotencyKey() == null
                    ? (ledger.recordHold(hold, now) ? new TicketLedger.Recorded.Done() : new TicketLedger.Recorded.SeatsTaken())
                    : ledger.recordHold(hold, command.idempotencyKey(), now);
        } catch (RuntimeException e) {
            seatMap.release(command.showId(), holdId, now);
            throw e;
        }
        return switch (recorded) {
            case TicketLedger.Recorded.Done done -> hold;
            case TicketLedger.Recorded.Replay replay -> {
                // A retry raced its first attempt: this one gives its seats back and answers the first.
                seatMap.release(command.showId(), holdId, now);
                yield replay.first();
            }
            case TicketLedger.Recorded.SeatsTaken taken -> {
                seatMap.release(command.showId(), holdId, now);
                throw new Conflict("seat-unavailable", detail("seat-unavailable"));
            }
        };
    }

    private static String detail(String code) {
        return switch (code) {
            case "seat-unavailable" -> "A seat you asked for is held or sold; nothing was held.";
            case "limit-reached" -> "You would hold more seats of this show than one person may.";
            default -> "These seats cannot be held.";
        };
    }
}
