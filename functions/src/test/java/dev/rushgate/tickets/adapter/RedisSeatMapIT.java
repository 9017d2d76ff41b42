package dev.rushgate.tickets.adapter;

import dev.rushgate.testing.TicketEngines;
import dev.rushgate.tickets.domain.Hold;
import dev.rushgate.tickets.domain.HoldDecision;
import dev.rushgate.tickets.domain.HotState;
import dev.rushgate.tickets.domain.Section;
import dev.rushgate.tickets.domain.Show;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat map's count of payments in flight (the operators' live view of a show), on a real Redis through the real
 * script: it follows every way a hold starts or stops being paid for, and a rebuild of the seat map.
 */
class RedisSeatMapIT {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private static TicketEngines engines;
    private static RedisSeatMap seatMap;

    @BeforeAll
    static void start() throws Exception {
        engines = TicketEngines.start();
        seatMap = engines.seatMap;
    }

    @AfterAll
    static void stop() throws Exception {
        engines.close();
    }

    private static Show show() {
        return new Show("show-" + UUID.randomUUID().toString().substring(0, 8), "Gig", NOW, null, 60, 4, 60,
                List.of(new Section("A", 1, 10, 1_000)), null);
    }

    private static String hold(Show show, String user, String seat) {
        String holdId = "h-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(seatMap.hold(show.showId(), user, holdId, List.of(seat), NOW, ""))
                .isInstanceOf(HoldDecision.Held.class);
        return holdId;
    }

    @Test
    void countsEachHoldBeingPaidFor_once_untilItIsSoldReleasedOrRefused() {
        // given a show with four holds
        Show show = show();
        seatMap.load(HotState.fresh(show));
        String sold = hold(show, "u-1", "A-1-1");
        String refused = hold(show, "u-2", "A-1-2");
        String released = hold(show, "u-3", "A-1-3");
        String unpaid = hold(show, "u-4", "A-1-4");

        // when three are paid for (one of them twice, as a retry would), then each ends its own way
        seatMap.pay(show.showId(), sold, NOW);
        seatMap.pay(show.showId(), sold, NOW);
        seatMap.pay(show.showId(), refused, NOW);
        seatMap.pay(show.showId(), released, NOW);
        long whilePaying = paying(show);
        seatMap.sell(show.showId(), sold, NOW);
        seatMap.unpay(show.showId(), refused, NOW);
        seatMap.unpay(show.showId(), refused, NOW);
        seatMap.release(show.showId(), released, NOW);
        seatMap.release(show.showId(), unpaid, NOW);

        // then
        assertThat(whilePaying).isEqualTo(3);
        assertThat(paying(show)).isZero();
        assertThat(seatMap.counts(show.showId(), NOW).orElseThrow().sold()).isEqualTo(1);
    }

    @Test
    void aRebuiltSeatMap_andAHoldPlacedAsTheDatabaseDecided_countTheirPayingHolds() {
        // given a seat map rebuilt from the database with one hold being paid for and one not
        Show show = show();
        Hold paying = new Hold("h-paying", show.showId(), "u-1", List.of("A-1-1"), 1_000, NOW.plusSeconds(60),
                "PAYING", false);
        Hold active = new Hold("h-active", show.showId(), "u-2", List.of("A-1-2"), 1_000, NOW.plusSeconds(60),
                "ACTIVE", false);
        seatMap.load(new HotState(show, Map.of(), List.of(paying, active)));
        long rebuilt = paying(show);

        // when the database places another hold being paid for, twice (the second changes nothing)
        Hold placed = new Hold("h-placed", show.showId(), "u-3", List.of("A-1-3"), 1_000, NOW.plusSeconds(60),
                "PAYING", false);
        seatMap.place(placed, NOW);
        seatMap.place(placed, NOW);

        // then
        assertThat(rebuilt).isEqualTo(1);
        assertThat(paying(show)).isEqualTo(2);
        // read with the seat counts, in the same call
        assertThat(seatMap.live(show.showId(), NOW).orElseThrow().seats())
                .isEqualTo(seatMap.counts(show.showId(), NOW).orElseThrow());
        // and an unknown show has no live numbers at all
        assertThat(seatMap.live("no-such-show", NOW)).isEmpty();
    }

    private long paying(Show show) {
        return seatMap.live(show.showId(), NOW).orElseThrow().paymentsInFlight();
    }
}
