package dev.rushgate.tickets.domain;

import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.Forbidden;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HoldSeatsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private final Fakes.SeatMapFake seatMap = new Fakes.SeatMapFake();
    private final Fakes.LedgerFake ledger = new Fakes.LedgerFake();
    private final Gate gate = (token, userId) -> token.equals("good") ? Optional.of("room-1") : Optional.empty();
    private final HoldSeats holdSeats = new HoldSeats(seatMap, ledger, new RestoreSeatMap(ledger, seatMap), gate,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static HoldSeatsCommand command(String token) {
        return new HoldSeatsCommand("gig", "u-1", List.of("A-1-1", "A-1-2"), token, null);
    }

    @Test
    void recordsTheHoldInTheLedger_beforeAnsweringIt() {
        // given
        seatMap.decisions.add(new HoldDecision.Held(2_000, NOW.plusSeconds(300)));

        // when
        Hold hold = holdSeats.hold(command(null));

        // then
        assertThat(ledger.holds).containsKey(hold.holdId());
        assertThat(hold.amountCents()).isEqualTo(2_000);
        assertThat(hold.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(seatMap.calls).containsExactly("hold A-1-1,A-1-2 room=");
    }

    @Test
    void undoesTheSeatMapsHold_andRefusesIt_whenTheLedgerHasTheSeatsClaimed() {
        // given a seat map that lost a claim the ledger still has
        seatMap.decisions.add(new HoldDecision.Held(2_000, NOW.plusSeconds(300)));
        ledger.refuseHolds = true;

        // when / then
        assertThatThrownBy(() -> holdSeats.hold(command(null))).isInstanceOf(Conflict.class)
                .extracting("code").isEqualTo("seat-unavailable");
        assertThat(seatMap.calls).hasSize(2).last().asString().startsWith("release ");
    }

    @Test
    void rebuildsTheSeatMapFromTheLedgerOnce_whenItDoesNotKnowTheShow() {
        // given a show the seat map lost
        ledger.shows.put("gig", new Show("gig", "Gig", NOW, null, 300, 4, 300, List.of(new Section("A", 1, 5, 1_000)), null));
        seatMap.decisions.add(new HoldDecision.Unknown());
        seatMap.decisions.add(new HoldDecision.Held(2_000, NOW.plusSeconds(300)));

        // when
        holdSeats.hold(command(null));

        // then
        assertThat(seatMap.calls).containsExactly("hold A-1-1,A-1-2 room=", "load gig", "hold A-1-1,A-1-2 room=");
    }

    @Test
    void answersTheFirstHold_toARetryWithTheSameIdempotencyKey_withoutAskingTheSeatMap() {
        // given a hold made with a key
        seatMap.decisions.add(new HoldDecision.Held(2_000, NOW.plusSeconds(300)));
        var keyed = new HoldSeatsCommand("gig", "u-1", List.of("A-1-1", "A-1-2"), null, "checkout-1");
        Hold first = holdSeats.hold(keyed);

        // when it is retried
        Hold again = holdSeats.hold(keyed);

        // then
        assertThat(again).isEqualTo(first);
        assertThat(seatMap.calls).containsExactly("hold A-1-1,A-1-2 room=");
    }

    @Test
    void passesTheCheckedRoomOnly_andAnswers403WhenTheSeatMapSaysNotAdmitted() {
        // given
        seatMap.decisions.add(new HoldDecision.Refused("not-admitted"));
        seatMap.decisions.add(new HoldDecision.Held(2_000, NOW.plusSeconds(300)));

        // when / then
        assertThatThrownBy(() -> holdSeats.hold(command("forged"))).isInstanceOf(Forbidden.class)
                .extracting("code").isEqualTo("not-admitted");
        holdSeats.hold(command("good"));
        assertThat(seatMap.calls).containsExactly("hold A-1-1,A-1-2 room=", "hold A-1-1,A-1-2 room=room-1");
    }
}
