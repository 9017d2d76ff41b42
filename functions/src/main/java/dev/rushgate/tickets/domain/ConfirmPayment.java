package dev.rushgate.tickets.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The payment consumer's step for one order: charge it (idempotency key = order id, so a redelivered message
 * or a retried call charges once), then confirm it and mark its seats SOLD in one ledger transaction, or, when
 * the card is declined, fail it and release the seats (the saga's compensating step). A cancelled order owing
 * a refund is refunded (idempotency key {@code refund-} and the order id) and marked REFUNDED. Each outcome's notice
 * is written with it and handed to the notices queue (the sweeper hands over what a crash left). An order already
 * final only has its seat map brought in line again, so every step is safe to repeat.
 */
public final class ConfirmPayment {
    private final TicketLedger ledger;
    private final SeatMap seatMap;
    private final PaymentProvider provider;
    private final DeliverNotices notices;
    private final Clock clock;

    public ConfirmPayment(TicketLedger ledger, SeatMap seatMap, PaymentProvider provider, DeliverNotices notices,
                          Clock clock) {
        this.ledger = ledger;
        this.seatMap = seatMap;
        this.provider = provider;
        this.notices = notices;
        this.clock = clock;
    }

    /** The order's status afterwards; empty when there is no such order (a message to drop). */
    public Optional<Order.Status> confirm(String orderId) {
        Optional<Order> found = ledger.order(orderId);
        if (found.isEmpty()) return Optional.empty();
        Order order = found.get();
        Instant now = clock.instant();
        if (order.status() == Order.Status.PENDING) {
            switch (provider.charge(order.orderId(), order.paymentToken(), order.amountCents())) {
                case PaymentProvider.Outcome.Charged charged -> {
                    order = ledger.confirm(orderId, charged.chargeId(), now);
                    notices.deliverOrder(orderId);
                }
                case PaymentProvider.Outcome.Declined declined -> {
                    TicketLedger.Freed freed = ledger.fail(orderId, now);
                    order = freed.order();
                    if (freed.offered().isPresent()) {
                        seatMap.release(order.showId(), order.holdId(), now);
                        seatMap.place(freed.offered().get(), now);
                    }
                    notices.deliver(freed.notices());
                }
            }
        }
        if (order.refund() == Order.Refund.PENDING) {
            String refundId = provider.refund("refund-" + order.orderId(), order.chargeId(), order.amountCents());
            order = ledger.refunded(orderId, refundId, now);
            notices.deliverOrder(orderId);
        }
        switch (order.status()) {
            case CONFIRMED, CANCELLED -> seatMap.sell(order.showId(), order.holdId(), now);
            case FAILED -> seatMap.release(order.showId(), order.holdId(), now);
            case PENDING -> { }
        }
        return Optional.of(order.status());
    }
}
