package dev.rushgate.tickets.domain;

import dev.rushgate.platform.Ids;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Starts paying for a hold: the hold stops lapsing (first in the seat map, so its lazy expiry cannot race
 * the ledger, then in the ledger), a PENDING order is made, and the order goes to the payment queue. Asking
 * again answers the same order. If the send fails the order stays PENDING and the sweeper sends it again.
 */
public final class PayForHold {
    private static final Logger LOG = LoggerFactory.getLogger(PayForHold.class);
    private static final Pattern TOKEN = Pattern.compile("tok_[A-Za-z0-9_]{1,100}");

    private final TicketLedger ledger;
    private final SeatMap seatMap;
    private final PaymentQueue queue;
    private final Clock clock;

    public PayForHold(TicketLedger ledger, SeatMap seatMap, PaymentQueue queue, Clock clock) {
        this.ledger = ledger;
        this.seatMap = seatMap;
        this.queue = queue;
        this.clock = clock;
    }

    public Order pay(String holdId, String userId, String paymentToken) {
        if (paymentToken == null || !TOKEN.matcher(paymentToken).matches()) {
            throw new BadInput("invalid-field", "paymentToken must look like tok_…");
        }
        Instant now = clock.instant();
        Hold hold = ledger.hold(holdId).filter(h -> h.userId().equals(userId))
                .orElseThrow(() -> new NotFound("not-found", "No such hold."));
        String mark = seatMap.pay(hold.showId(), holdId, now);
        if (mark.equals("expired")) throw expired();
        var start = ledger.startPayment(hold, Ids.timeOrdered(now.toEpochMilli()), paymentToken, now);
        return switch (start) {
            case TicketLedger.PaymentStart.Existing existing -> existing.order();
            case TicketLedger.PaymentStart.Expired expired -> {
                if (mark.equals("paying")) seatMap.unpay(hold.showId(), holdId, now);
                throw expired();
            }
            case TicketLedger.PaymentStart.Started started -> {
                if (mark.equals("absent")) {
                    // The seat map lost this hold (rebuilt from a snapshot taken just before the hold was recorded):
                    // put it back, paying, so the seats show HELD and then SOLD there too.
                    seatMap.place(new Hold(hold.holdId(), hold.showId(), hold.userId(), hold.seatIds(),
                            hold.amountCents(), hold.expiresAt(), "PAYING", hold.offer()), now);
                }
                send(started.order());
                yield started.order();
            }
        };
    }

    private void send(Order order) {
        try {
            queue.send(order.orderId());
        } catch (RuntimeException e) {
            // Safe to answer PENDING: the sweeper sends PENDING orders whose message may be lost.
            LOG.warn("payment left for the sweeper to send", e);
        }
    }

    private static Conflict expired() {
        return new Conflict("hold-expired", "This hold has lapsed or ended; hold the seats again.");
    }
}
