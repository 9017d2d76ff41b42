package dev.rushgate.tickets.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory stand-ins for ticketing's ports, recording what the use cases asked of them. */
final class Fakes {
    private Fakes() {}

    /** A seat map that answers what it is told to and records every change asked of it. */
    static final class SeatMapFake implements SeatMap {
        final List<HoldDecision> decisions = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        boolean loaded;

        @Override
        public HoldDecision hold(String showId, String userId, String holdId, List<String> seatIds, Instant now,
                                 String admittedRoom) {
            calls.add("hold " + String.join(",", seatIds) + " room=" + admittedRoom);
            return decisions.removeFirst();
        }

        @Override
        public Optional<SeatCounts> counts(String showId, Instant now) {
            return loaded ? Optional.of(new SeatCounts(10, 10, 0, 0)) : Optional.empty();
        }

        @Override
        public Map<String, String> statuses(String showId, List<String> seatIds) {
            return Map.of();
        }

        @Override
        public void load(HotState state) {
            calls.add("load " + state.show().showId());
            loaded = true;
        }

        @Override
        public String pay(String showId, String holdId, Instant now) {
            calls.add("pay " + holdId);
            return "paying";
        }

        @Override
        public void unpay(String showId, String holdId, Instant now) {
            calls.add("unpay " + holdId);
        }

        @Override
        public void release(String showId, String holdId, Instant now) {
            calls.add("release " + holdId);
        }

        @Override
        public void sell(String showId, String holdId, Instant now) {
            calls.add("sell " + holdId);
        }

        @Override
        public void place(Hold hold, Instant now) {
            calls.add("place " + hold.holdId());
        }

        @Override
        public void free(String showId, String buyerId, List<String> seatIds, Instant now) {
            calls.add("free " + String.join(",", seatIds));
        }

        @Override
        public boolean startLoading(String showId) {
            return true;
        }

        @Override
        public void doneLoading(String showId) {
        }
    }

    /** A ledger holding shows, holds and orders in maps; only what the tests use. */
    static class LedgerFake implements TicketLedger {
        final Map<String, Show> shows = new HashMap<>();
        final Map<String, Hold> holds = new HashMap<>();
        final Map<String, Order> orders = new HashMap<>();
        final Map<String, Hold> keys = new HashMap<>();
        boolean refuseHolds;

        @Override
        public boolean create(Show show) {
            return shows.putIfAbsent(show.showId(), show) == null;
        }

        @Override
        public Optional<Show> show(String showId) {
            return Optional.ofNullable(shows.get(showId));
        }

        @Override
        public Optional<HotState> hotState(String showId) {
            return show(showId).map(HotState::fresh);
        }

        @Override
        public Page<SeatView> seats(String showId, String section, String cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean recordHold(Hold hold, Instant now) {
            if (refuseHolds) return false;
            holds.put(hold.holdId(), hold);
            return true;
        }

        @Override
        public Recorded recordHold(Hold hold, String idempotencyKey, Instant now) {
            Optional<Hold> first = holdByKey(hold.showId(), hold.userId(), idempotencyKey);
            if (first.isPresent()) return new Recorded.Replay(first.get());
            if (!recordHold(hold, now)) return new Recorded.SeatsTaken();
            keys.put(hold.showId() + "|" + hold.userId() + "|" + idempotencyKey, hold);
            return new Recorded.Done();
        }

        @Override
        public Optional<Hold> holdByKey(String showId, String userId, String idempotencyKey) {
            return Optional.ofNullable(keys.get(showId + "|" + userId + "|" + idempotencyKey));
        }

        @Override
        public Optional<Hold> hold(String holdId) {
            return Optional.ofNullable(holds.get(holdId));
        }

        @Override
        public boolean release(String holdId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PaymentStart startPayment(Hold hold, String orderId, String paymentToken, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Order> order(String orderId) {
            return Optional.ofNullable(orders.get(orderId));
        }

        @Override
        public Order confirm(String orderId, String chargeId, Instant now) {
            return orders.computeIfPresent(orderId, (id, o) -> new Order(o.orderId(), o.holdId(), o.showId(), o.userId(),
                    o.seatIds(), o.amountCents(), Order.Status.CONFIRMED, o.paymentToken(), chargeId, o.refund()));
        }

        @Override
        public Freed fail(String orderId, Instant now) {
            return new Freed(orders.computeIfPresent(orderId, (id, o) -> o.with(Order.Status.FAILED)), Optional.empty(),
                    List.of());
        }

        @Override
        public Optional<Freed> cancel(String orderId, Instant now) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Lapsed> expireDue(Instant now, int max) {
            return List.of();
        }

        @Override
        public Order refunded(String orderId, String refundId, Instant now) {
            return orders.computeIfPresent(orderId, (id, o) -> o.refund() != Order.Refund.PENDING ? o
                    : new Order(o.orderId(), o.holdId(), o.showId(), o.userId(), o.seatIds(), o.amountCents(), o.status(),
                    o.paymentToken(), o.chargeId(), Order.Refund.REFUNDED));
        }

        @Override
        public List<Order> unsettledBefore(Instant before, int max) {
            return List.of();
        }

        @Override
        public long joinWaitlist(String showId, String userId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Notice> undeliveredOfOrder(String orderId) {
            return List.of();
        }

        @Override
        public List<Notice> undelivered(Instant before, int max) {
            return List.of();
        }

        @Override
        public Optional<Instant> nextDue(Instant now, boolean notices) {
            return holds.values().stream().filter(h -> h.status().equals("ACTIVE")).map(Hold::expiresAt)
                    .min(Instant::compareTo);
        }

        @Override
        public void delivered(String notificationId, Instant at) {
        }
    }

    /** A provider that answers one outcome and records the charges and refunds asked of it. */
    static class ProviderFake implements PaymentProvider {
        final Outcome outcome;
        int charges;
        final List<String> refunds = new ArrayList<>();

        ProviderFake(Outcome outcome) {
            this.outcome = outcome;
        }

        @Override
        public Outcome charge(String idempotencyKey, String paymentToken, long amountCents) {
            charges++;
            return outcome;
        }

        @Override
        public String refund(String idempotencyKey, String chargeId, long amountCents) {
            refunds.add(idempotencyKey + " " + chargeId + " " + amountCents);
            return "re_" + refunds.size();
        }
    }
}
