package dev.rushgate.tickets.adapter;

import dev.rushgate.platform.RedisDueWork;
import dev.rushgate.testing.TicketEngines;
import dev.rushgate.tickets.domain.DeliverNotices;
import dev.rushgate.tickets.domain.Hold;
import dev.rushgate.tickets.domain.HotState;
import dev.rushgate.tickets.domain.MarkingTicketLedger;
import dev.rushgate.notices.domain.NoticeQueue;
import dev.rushgate.tickets.domain.Section;
import dev.rushgate.tickets.domain.Show;
import dev.rushgate.tickets.domain.SweepHolds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hold sweep against the real ledger and Redis, counting every connection it takes to PostgreSQL: with nothing
 * due it takes none (so Aurora may pause), a hold is still lapsed on time, and after Redis loses its marks the sweep
 * reads the ledger in full, so a hold made before the loss is lapsed too.
 */
class SweepHoldsIT {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static TicketEngines engines;
    private static final AtomicInteger connections = new AtomicInteger();
    private static PostgresTicketLedger ledger;

    @BeforeAll
    static void start() throws Exception {
        engines = TicketEngines.start();
        ledger = new PostgresTicketLedger(() -> {
            connections.incrementAndGet();
            return engines.postgres.getPostgresDatabase();
        });
    }

    @AfterAll
    static void stop() throws Exception {
        engines.close();
    }

    private static SweepHolds sweep(RedisDueWork due, Instant at) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        var marking = new MarkingTicketLedger(ledger, due, clock);
        return new SweepHolds(marking, engines.seatMap, orderId -> { }, new DeliverNotices(ledger, NoticeQueue.NONE, clock),
                due, clock);
    }

    private static Hold hold(Show show, int seat, Instant expires, RedisDueWork due) {
        String holdId = dev.rushgate.platform.Ids.timeOrdered(NOW.toEpochMilli());
        List<String> seats = List.of("A-1-" + seat);
        engines.seatMap.hold(show.showId(), "u-" + seat, holdId, seats, NOW, "");
        Hold hold = new Hold(holdId, show.showId(), "u-" + seat, seats, 1_000L, expires, "ACTIVE", false);
        assertThat(new MarkingTicketLedger(ledger, due, Clock.fixed(NOW, ZoneOffset.UTC)).recordHold(hold, NOW)).isTrue();
        return hold;
    }

    @Test
    void takesNoDatabaseConnectionWhenNothingIsDue_yetLapsesHoldsOnTime_evenAfterRedisLosesItsMarks() {
        // given a show, and a sweep whose marks are new (so its first run reads the ledger in full)
        var due = new RedisDueWork(engines::redis, "sweep-" + UUID.randomUUID());
        Show show = new Show("show-" + UUID.randomUUID().toString().substring(0, 8), "Gig", NOW, null, 300, 4, 300,
                List.of(new Section("A", 1, 10, 1_000)), null);
        ledger.create(show);
        engines.seatMap.load(HotState.fresh(show));
        sweep(due, NOW).sweep();

        // when it runs every minute for ten minutes with nothing due
        int before = connections.get();
        for (int minute = 1; minute <= 10; minute++) sweep(due, NOW.plusSeconds(60L * minute)).sweep();

        // then it took no connection to PostgreSQL
        assertThat(connections.get() - before).isZero();

        // when a hold expiring 5 minutes from now is made, and the sweep runs before and after its expiry
        Hold hold = hold(show, 1, NOW.plusSeconds(300), due);
        before = connections.get();
        var early = sweep(due, NOW.plusSeconds(200)).sweep();
        int earlyConnections = connections.get() - before;
        var onTime = sweep(due, NOW.plusSeconds(301)).sweep();

        // then only the second reads the ledger, and lapses the hold
        assertThat(earlyConnections).isZero();
        assertThat(early.lapsed()).isZero();
        assertThat(onTime.lapsed()).isEqualTo(1);
        assertThat(ledger.hold(hold.holdId()).orElseThrow().status()).isEqualTo("EXPIRED");

        // when a hold is made, and then Redis loses every mark
        Hold later = hold(show, 2, NOW.plusSeconds(900), due);
        engines.redis().flushall();
        before = connections.get();
        var afterLoss = sweep(due, NOW.plusSeconds(400)).sweep();
        int afterLossConnections = connections.get() - before;
        before = connections.get();
        sweep(due, NOW.plusSeconds(460)).sweep();
        int quietAgain = connections.get() - before;
        var onTimeAgain = sweep(due, NOW.plusSeconds(901)).sweep();

        // then the next sweep reads the ledger in full (it knows nothing), the one after is quiet again, and the hold
        // made before the loss still lapses on time, from what the full sweep read
        assertThat(afterLossConnections).isPositive();
        assertThat(afterLoss.lapsed()).isZero();
        assertThat(quietAgain).isZero();
        assertThat(onTimeAgain.lapsed()).isEqualTo(1);
        assertThat(ledger.hold(later.holdId()).orElseThrow().status()).isEqualTo("EXPIRED");
    }
}
