package dev.rushgate.tickets;

import dev.rushgate.notices.NoticesWiring;
import dev.rushgate.platform.Clients;
import dev.rushgate.platform.DueWork;
import dev.rushgate.platform.RedisDueWork;
import dev.rushgate.tickets.domain.MarkingTicketLedger;
import dev.rushgate.tickets.domain.TicketLedger;
import dev.rushgate.platform.Config;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.tickets.adapter.HttpPaymentProvider;
import dev.rushgate.tickets.adapter.PostgresTicketLedger;
import dev.rushgate.tickets.adapter.RedisSeatMap;
import dev.rushgate.tickets.adapter.RoomGate;
import dev.rushgate.tickets.adapter.SqsPaymentQueue;
import dev.rushgate.tickets.domain.CancelOrder;
import dev.rushgate.tickets.domain.ConfirmPayment;
import dev.rushgate.tickets.domain.DefineShow;
import dev.rushgate.tickets.domain.DeliverNotices;
import dev.rushgate.tickets.domain.HoldSeats;
import dev.rushgate.tickets.domain.JoinWaitlist;
import dev.rushgate.tickets.domain.ListSeats;
import dev.rushgate.tickets.domain.PayForHold;
import dev.rushgate.tickets.domain.ReleaseHold;
import dev.rushgate.tickets.domain.RestoreSeatMap;
import dev.rushgate.tickets.domain.SweepHolds;
import dev.rushgate.tickets.domain.ViewOrder;
import dev.rushgate.tickets.domain.ViewShow;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the ticketing use cases from configuration, once per execution environment. Adapters are made on
 * first use, so a function builds only what its declared needs allow.
 */
public final class TicketsWiring {
    private TicketsWiring() {}

    private static final Clock CLOCK = Clock.systemUTC();

    public static DefineShow defineShow() {
        return new DefineShow(ledger(), seatMap());
    }

    public static ViewShow viewShow() {
        return new ViewShow(seatMap(), restore(), CLOCK);
    }

    public static ListSeats listSeats() {
        return new ListSeats(ledger(), seatMap(), viewShow());
    }

    public static HoldSeats holdSeats() {
        return new HoldSeats(seatMap(), markingLedger(), restore(), new RoomGate(RoomWiring.checkAdmission()), CLOCK);
    }

    public static ReleaseHold releaseHold() {
        return new ReleaseHold(markingLedger(), seatMap(), CLOCK);
    }

    public static PayForHold payForHold() {
        return new PayForHold(markingLedger(), seatMap(), queue(), CLOCK);
    }

    public static ConfirmPayment confirmPayment() {
        return new ConfirmPayment(markingLedger(), seatMap(), provider(), notices(), CLOCK);
    }

    public static ViewOrder viewOrder() {
        return new ViewOrder(ledger());
    }

    public static CancelOrder cancelOrder() {
        return new CancelOrder(markingLedger(), seatMap(), viewOrder(), notices(), queue(), CLOCK);
    }

    public static JoinWaitlist joinWaitlist() {
        return new JoinWaitlist(ledger());
    }

    public static SweepHolds sweepHolds() {
        // not the marking ledger: what a sweep makes due (offers, notices), it marks from the ledger's next due time
        return new SweepHolds(ledger(), seatMap(), queue(), notices(), dueWork(), CLOCK);
    }

    private static RestoreSeatMap restore() {
        return new RestoreSeatMap(ledger(), seatMap());
    }

    private static RedisSeatMap seatMap() {
        return new RedisSeatMap(Clients.get()::redis);
    }

    /** What the sweep will have to do, in Redis: so that a sweep with nothing due leaves Aurora asleep. */
    private static DueWork dueWork() {
        return new RedisDueWork(Clients.get()::redis, "tickets");
    }

    /** The ledger for functions that change it: each change marks what it makes due for the sweep. */
    private static TicketLedger markingLedger() {
        return new MarkingTicketLedger(ledger(), dueWork(), CLOCK);
    }

    private static PostgresTicketLedger ledger() {
        return new PostgresTicketLedger(Clients.get()::database);
    }

    private static SqsPaymentQueue queue() {
        return new SqsPaymentQueue(Clients.get().sqs(), Config.required(EnvNames.queueUrl(Rushgate.PAYMENTS_QUEUE)));
    }

    private static DeliverNotices notices() {
        return new DeliverNotices(ledger(), NoticesWiring.queueIfDeclared(), CLOCK);
    }

    /** Three tries, 200 ms then 400 ms apart: short of the function's timeout, long enough for a blip. */
    private static HttpPaymentProvider provider() {
        String secret = Clients.get().valueOrSecret(Config.required(EnvNames.PAYMENTS_SECRET));
        return new HttpPaymentProvider(URI.create(Config.required(EnvNames.PAYMENTS_URL)), secret, 3,
                Duration.ofMillis(200));
    }
}
