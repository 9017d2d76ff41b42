package dev.rushgate.tickets.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rushgate.platform.Ids;
import dev.rushgate.platform.Jdbc;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.tickets.domain.Hold;
import dev.rushgate.tickets.domain.HotState;
import dev.rushgate.tickets.domain.Notice;
import dev.rushgate.tickets.domain.Order;
import dev.rushgate.tickets.domain.Page;
import dev.rushgate.tickets.domain.SeatView;
import dev.rushgate.tickets.domain.Show;
import dev.rushgate.tickets.domain.TicketLedger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ticket ledger in PostgreSQL (schema {@code rushgate}, migration V2). Every change is one transaction;
 * {@code seat_claims}' primary key (show, seat) makes a seat held or sold twice impossible whatever Redis
 * says. Waitlist offers are made inside the transaction that frees the seats, so freed seats are never
 * available to everyone and offered at the same time.
 */
public final class PostgresTicketLedger implements TicketLedger {

    private static final int COPY_BUFFER = 1 << 16;

    private final Supplier<DataSource> dataSource;

    public PostgresTicketLedger(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean create(Show show) {
        String terms = terms(show);
        return inTransaction(c -> {
            try (var insert = c.prepareStatement("""
                    insert into rushgate.shows (show_id, name, starts_at, room_id, hold_seconds, max_seats_per_user,
                        offer_seconds, total_seats, terms) values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (show_id) do nothing""")) {
                insert.setString(1, show.showId());
                insert.setString(2, show.name());
                insert.setTimestamp(3, Timestamp.from(show.startsAt()));
                insert.setString(4, show.roomId());
                insert.setInt(5, show.holdSeconds());
                insert.setInt(6, show.maxSeatsPerUser());
                insert.setInt(7, show.offerSeconds());
                insert.setInt(8, show.totalSeats());
                insert.setString(9, terms);
                if (insert.executeUpdate() == 0) {
                    String existing = queryString(c, "select terms from rushgate.shows where show_id = ?", show.showId());
                    if (!terms.equals(existing)) {
                        throw new Conflict("show-exists", "This show exists with other terms; a seat map never changes.");
                    }
                    return false;
                }
            }
            copySeats(c, show);
            return true;
        });
    }

    /** COPY is the fastest way in: one round trip per 64 KiB of rows, no statement per seat. */
    private static void copySeats(Connection c, Show show) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy rushgate.seats (show_id, ordinal, seat_id) from stdin");
        try {
            StringBuilder rows = new StringBuilder(COPY_BUFFER + 256);
            SQLException[] failure = new SQLException[1];
            show.forEachSeat((ordinal, section, seatId) -> {
                if (failure[0] != null) return;
                rows.append(show.showId()).append('\t').append(ordinal).append('\t').append(seatId).append('\n');
                if (rows.length() >= COPY_BUFFER) {
                    try {
                        write(copy, rows);
                    } catch (SQLException e) {
                        failure[0] = e;
                    }
                }
            });
            if (failure[0] != null) throw failure[0];
            write(copy, rows);
            copy.endCopy();
        } finally {
            if (copy.isActive()) copy.cancelCopy();
        }
    }

    private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    @Override
    public Optional<Show> show(String showId) {
        return query(c -> {
            String terms = queryString(c, "select terms from rushgate.shows where show_id = ?", showId);
            return Optional.ofNullable(terms).map(t -> Json.read(t, Show.class));
        });
    }

    @Override
    public Optional<HotState> hotState(String showId) {
        return inTransaction(c -> {
            // One snapshot for all three reads.
            try (var s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read");
            }
            String terms = queryString(c, "select terms from rushgate.shows where show_id = ?", showId);
            if (terms == null) return Optional.<HotState>empty();
            Show show = Json.read(terms, Show.class);
            Map<String, String> soldTo = new HashMap<>();
            try (var q = c.prepareStatement("""
                    select sc.seat_id, o.user_id from rushgate.seat_claims sc
                    join rushgate.orders o on o.order_id = sc.order_id where sc.show_id = ?""")) {
                q.setString(1, showId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) soldTo.put(rs.getString(1), rs.getString(2));
                }
            }
            List<Hold> live = holds(c, "select * from rushgate.holds h where show_id = ? and status in ('ACTIVE', 'PAYING')"
                    + " and exists (select 1 from rushgate.seat_claims sc where sc.hold_id = h.hold_id and sc.order_id is null)",
                    showId);
            return Optional.of(new HotState(show, soldTo, live));
        });
    }

    @Override
    public Page<SeatView> seats(String showId, String section, String cursor, int limit) {
        int after = -1;
        if (cursor != null) {
            try {
                after = Integer.parseInt(cursor);
            } catch (NumberFormatException e) {
                throw new dev.rushgate.platform.errors.BadInput("invalid-cursor", "cursor is not one we issued");
            }
        }
        Optional<Show> found = show(showId);
        if (found.isEmpty()) return new Page<>(List.of(), null);
        Show show = found.get();
        // Sections are consecutive runs of ordinals, in the order of the terms.
        int from = 0;
        int to = show.totalSeats();
        if (section != null) {
            int start = 0;
            Integer lo = null;
            for (var s : show.sections()) {
                if (s.id().equals(section)) {
                    lo = start;
                    to = start + s.seats();
                }
                start += s.seats();
            }
            if (lo == null) return new Page<>(List.of(), null);
            from = lo;
        }
        int first = Math.max(from, after + 1);
        int end = to;
        return query(c -> {
            try (var q = c.prepareStatement("""
                    select ordinal, seat_id from rushgate.seats where show_id = ? and ordinal >= ? and ordinal < ?
                    order by ordinal limit ?""")) {
                q.setString(1, showId);
                q.setInt(2, first);
                q.setInt(3, end);
                q.setInt(4, limit + 1);
                List<SeatView> seats = new ArrayList<>();
                int last = first - 1;
                String next = null;
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        if (seats.size() == limit) {
                            next = Integer.toString(last);
                            break;
                        }
                        last = rs.getInt(1);
                        String seatId = rs.getString(2);
                        long price = show.section(dev.rushgate.tickets.domain.Section.of(seatId))
                                .map(dev.rushgate.tickets.domain.Section::priceCents).orElse(0L);
                        seats.add(new SeatView(seatId, "AVAILABLE", price));
                    }
                }
                return new Page<>(seats, next);
            }
        });
    }

    @Override
    public boolean recordHold(Hold hold, Instant now) {
        return recordHold(hold, (String) null, now) instanceof Recorded.Done;
    }

    @Override
    public Recorded recordHold(Hold hold, String idempotencyKey, Instant now) {
        try {
            return recordHoldOnce(hold, idempotencyKey, now) ? new Recorded.Done() : new Recorded.SeatsTaken();
        } catch (IllegalStateException e) {
            if (idempotencyKey != null && e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                Optional<Hold> first = holdByKey(hold.showId(), hold.userId(), idempotencyKey);
                if (first.isPresent()) return new Recorded.Replay(first.get());
            }
            throw e;
        }
    }

    @Override
    public Optional<Hold> holdByKey(String showId, String userId, String idempotencyKey) {
        return query(c -> holds(c, "select * from rushgate.holds where show_id = ? and user_id = ? and idempotency_key = ?",
                showId, userId, idempotencyKey).stream().findFirst());
    }

    private boolean recordHoldOnce(Hold hold, String idempotencyKey, Instant now) {
        try (Connection c = Jdbc.connect(dataSource.get(), "record hold")) {
            // Fast path, one round trip in autocommit: the hold and its claims, or no claim where one exists.
            if (insertHold(c, hold, idempotencyKey) == hold.seatIds().size()) return true;
            // Some seat is claimed. Give way to holds that are due (Redis let them lapse before the sweeper did)
            // and try once more, all in one transaction.
            c.setAutoCommit(false);
            try {
                delete(c, hold.holdId());
                expireConflicting(c, hold, now);
                boolean recorded = insertHold(c, hold, idempotencyKey) == hold.seatIds().size();
                if (recorded) c.commit();
                else c.rollback();
                return recorded;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record hold", e);
        }
    }

    /** Inserts the hold and claims its seats; answers how many seats it claimed (all, or fewer on conflict). */
    private static int insertHold(Connection c, Hold hold, String idempotencyKey) throws SQLException {
        try (var q = c.prepareStatement("""
                with h as (
                    insert into rushgate.holds (hold_id, show_id, user_id, seat_ids, amount_cents, expires_at, status,
                        offer, idempotency_key)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning hold_id, show_id)
                insert into rushgate.seat_claims (show_id, seat_id, hold_id)
                select h.show_id, s, h.hold_id from h, unnest(?::text[]) s
                on conflict do nothing""")) {
            Array seats = c.createArrayOf("text", hold.seatIds().toArray());
            q.setString(1, hold.holdId());
            q.setString(2, hold.showId());
            q.setString(3, hold.userId());
            q.setArray(4, seats);
            q.setLong(5, hold.amountCents());
            q.setTimestamp(6, Timestamp.from(hold.expiresAt()));
            q.setString(7, hold.status());
            q.setBoolean(8, hold.offer());
            q.setString(9, idempotencyKey);
            q.setArray(10, seats);
            int claimed = q.executeUpdate();
            if (claimed < hold.seatIds().size() && c.getAutoCommit()) delete(c, hold.holdId());
            return claimed;
        }
    }

    private static void delete(Connection c, String holdId) throws SQLException {
        update(c, "delete from rushgate.seat_claims where hold_id = ? and order_id is null", holdId);
        update(c, "delete from rushgate.holds where hold_id = ?", holdId);
    }

    private static void expireConflicting(Connection c, Hold hold, Instant now) throws SQLException {
        try (var q = c.prepareStatement("""
                with due as (
                    update rushgate.holds h set status = 'EXPIRED'
                    where h.hold_id in (select sc.hold_id from rushgate.seat_claims sc
                                        where sc.show_id = ? and sc.seat_id = any(?) and sc.order_id is null)
                      and h.status = 'ACTIVE' and not h.offer and h.expires_at <= ?
                    returning h.hold_id)
                delete from rushgate.seat_claims sc using due where sc.hold_id = due.hold_id and sc.order_id is null""")) {
            q.setString(1, hold.showId());
            q.setArray(2, c.createArrayOf("text", hold.seatIds().toArray()));
            q.setTimestamp(3, Timestamp.from(now));
            q.executeUpdate();
        }
    }

    @Override
    public Optional<Hold> hold(String holdId) {
        return query(c -> holds(c, "select * from rushgate.holds where hold_id = ?", holdId).stream().findFirst());
    }

    @Override
    public boolean release(String holdId) {
        return inTransaction(c -> {
            if (update(c, "update rushgate.holds set status = 'RELEASED' where hold_id = ? and status = 'ACTIVE'",
                    holdId) == 0) return false;
            update(c, "delete from rushgate.seat_claims where hold_id = ? and order_id is null", holdId);
            return true;
        });
    }

    @Override
    public PaymentStart startPayment(Hold hold, String orderId, String paymentToken, Instant now) {
        return inTransaction(c -> {
            Optional<Order> existing = orders(c, "select * from rushgate.orders where hold_id = ?", hold.holdId())
                    .stream().findFirst();
            if (existing.isPresent()) return new PaymentStart.Existing(existing.get());
            try (var q = c.prepareStatement("""
                    update rushgate.holds set status = 'PAYING'
                    where hold_id = ? and status = 'ACTIVE' and expires_at > ?""")) {
                q.setString(1, hold.holdId());
                q.setTimestamp(2, Timestamp.from(now));
                if (q.executeUpdate() == 0) return new PaymentStart.Expired();
            }
            try (var q = c.prepareStatement("""
                    insert into rushgate.orders (order_id, hold_id, show_id, user_id, seat_ids, amount_cents, status,
                        payment_token, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""")) {
                q.setString(1, orderId);
                q.setString(2, hold.holdId());
                q.setString(3, hold.showId());
                q.setString(4, hold.userId());
                q.setArray(5, c.createArrayOf("text", hold.seatIds().toArray()));
                q.setLong(6, hold.amountCents());
                q.setString(7, paymentToken);
                q.setTimestamp(8, Timestamp.from(now));
                q.setTimestamp(9, Timestamp.from(now));
                q.executeUpdate();
            }
            return new PaymentStart.Started(Order.pending(orderId, hold, paymentToken));
        });
    }

    @Override
    public Optional<Order> order(String orderId) {
        return query(c -> orders(c, "select * from rushgate.orders where order_id = ?", orderId).stream().findFirst());
    }

    @Override
    public Order confirm(String orderId, String chargeId, Instant now) {
        return inTransaction(c -> {
            Order order = lockOrder(c, orderId);
            if (order.status() != Order.Status.PENDING) return order;
            int sold;
            try (var q = c.prepareStatement(
                    "update rushgate.seat_claims set order_id = ? where hold_id = ? and order_id is null")) {
                q.setString(1, orderId);
                q.setString(2, order.holdId());
                sold = q.executeUpdate();
            }
            if (sold != order.seatIds().size()) {
                // Cannot happen while the hold is PAYING (nothing else unclaims its seats); refuse to half-sell.
                throw new IllegalStateException("hold " + order.holdId() + " lost seats while paying");
            }
            try (var q = c.prepareStatement("""
                    update rushgate.orders set status = 'CONFIRMED', charge_id = ?, updated_at = ? where order_id = ?""")) {
                q.setString(1, chargeId);
                q.setTimestamp(2, Timestamp.from(now));
                q.setString(3, orderId);
                q.executeUpdate();
            }
            update(c, "update rushgate.holds set status = 'ORDERED' where hold_id = ?", order.holdId());
            try (var q = c.prepareStatement("""
                    update rushgate.waitlist w set status = 'PURCHASED' from rushgate.holds h
                    where h.hold_id = ? and h.offer and w.show_id = h.show_id and w.user_id = h.user_id""")) {
                q.setString(1, order.holdId());
                q.executeUpdate();
            }
            orderNotice(c, order, "ORDER_CONFIRMED", now);
            return lockOrder(c, orderId);
        });
    }

    @Override
    public Freed fail(String orderId, Instant now) {
        return inTransaction(c -> {
            Order order = lockOrder(c, orderId);
            if (order.status() != Order.Status.PENDING) return new Freed(order, Optional.empty(), List.of());
            setOrderStatus(c, orderId, Order.Status.FAILED, now);
            Hold hold = holds(c, "select * from rushgate.holds where hold_id = ?", order.holdId()).getFirst();
            update(c, "update rushgate.holds set status = 'RELEASED' where hold_id = ?", order.holdId());
            update(c, "delete from rushgate.seat_claims where hold_id = ? and order_id is null", order.holdId());
            List<Notice> notices = new ArrayList<>();
            notices.add(orderNotice(c, order, "ORDER_FAILED", now));
            Optional<Hold> offered = Optional.empty();
            if (hold.offer()) {
                lapseOffer(c, hold, now, notices);
                offered = offerToNext(c, hold.showId(), hold.seatIds(), now, notices);
            }
            return new Freed(order.with(Order.Status.FAILED), offered, notices);
        });
    }

    @Override
    public Optional<Freed> cancel(String orderId, Instant now) {
        return inTransaction(c -> {
            Order order = lockOrder(c, orderId);
            if (order.status() != Order.Status.CONFIRMED) return Optional.<Freed>empty();
            // the charge is owed back in the same transaction, so no cancellation is ever left unrefunded
            try (var q = c.prepareStatement("""
                    update rushgate.orders set status = 'CANCELLED', refund = 'PENDING', updated_at = ?
                    where order_id = ?""")) {
                q.setTimestamp(1, Timestamp.from(now));
                q.setString(2, orderId);
                q.executeUpdate();
            }
            update(c, "delete from rushgate.seat_claims where order_id = ?", orderId);
            List<Notice> notices = new ArrayList<>();
            Optional<Hold> offered = offerToNext(c, order.showId(), order.seatIds(), now, notices);
            return Optional.of(new Freed(lockOrder(c, orderId), offered, notices));
        });
    }

    @Override
    public List<Lapsed> expireDue(Instant now, int max) {
        return inTransaction(c -> {
            List<Hold> due = holds(c, """
                    select * from rushgate.holds where status = 'ACTIVE' and expires_at <= ?
                    order by expires_at limit ? for update skip locked""", Timestamp.from(now), max);
            List<Lapsed> lapsed = new ArrayList<>();
            for (Hold hold : due) {
                update(c, "update rushgate.holds set status = 'EXPIRED' where hold_id = ?", hold.holdId());
                update(c, "delete from rushgate.seat_claims where hold_id = ? and order_id is null", hold.holdId());
                List<Notice> notices = new ArrayList<>();
                Optional<Hold> offered = Optional.empty();
                if (hold.offer()) {
                    lapseOffer(c, hold, now, notices);
                    offered = offerToNext(c, hold.showId(), hold.seatIds(), now, notices);
                }
                lapsed.add(new Lapsed(hold, offered, notices));
            }
            return lapsed;
        });
    }

    /** The offered user's place in line ends, and they are told the offer went on. */
    private static void lapseOffer(Connection c, Hold hold, Instant now, List<Notice> notices) throws SQLException {
        try (var q = c.prepareStatement(
                "update rushgate.waitlist set status = 'LAPSED' where show_id = ? and user_id = ? and status = 'OFFERED'")) {
            q.setString(1, hold.showId());
            q.setString(2, hold.userId());
            q.executeUpdate();
        }
        notices.add(notice(c, new Notice("hold-" + hold.holdId() + "-lapsed", hold.userId(), hold.showId(),
                "OFFER_LAPSED", hold.holdId(), hold.seatIds(), null, now, null, null)));
    }

    /**
     * Offers freed seats to the next person waiting: a hold for them (an offer, lapsing after the show's
     * offerSeconds) with the seats claimed, and a notice. Empty, and the seats left unclaimed, when nobody waits.
     */
    private static Optional<Hold> offerToNext(Connection c, String showId, List<String> seatIds, Instant now,
                                              List<Notice> notices) throws SQLException {
        String userId;
        try (var q = c.prepareStatement("""
                select user_id from rushgate.waitlist where show_id = ? and status = 'WAITING'
                order by position limit 1 for update skip locked""")) {
            q.setString(1, showId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                userId = rs.getString(1);
            }
        }
        try (var q = c.prepareStatement(
                "update rushgate.waitlist set status = 'OFFERED' where show_id = ? and user_id = ?")) {
            q.setString(1, showId);
            q.setString(2, userId);
            q.executeUpdate();
        }
        Show show = Json.read(queryString(c, "select terms from rushgate.shows where show_id = ?", showId), Show.class);
        long amount = 0;
        for (String seat : seatIds) {
            amount += show.section(dev.rushgate.tickets.domain.Section.of(seat)).orElseThrow().priceCents();
        }
        int offerSeconds = show.offerSeconds();
        Hold offer = new Hold(Ids.timeOrdered(now.toEpochMilli()), showId, userId, seatIds, amount,
                now.plusSeconds(offerSeconds), "ACTIVE", true);
        if (insertHold(c, offer, null) != seatIds.size()) throw new IllegalStateException("freed seats were claimed");
        notices.add(notice(c, new Notice("hold-" + offer.holdId() + "-offered", userId, showId, "SEATS_OFFERED",
                offer.holdId(), seatIds, offer.expiresAt(), now, null, amount)));
        return Optional.of(offer);
    }

    /** What became of an order, told its buyer: {@code order-<orderId>-confirmed}, {@code -failed}, {@code -refunded}. */
    private static Notice orderNotice(Connection c, Order order, String kind, Instant now) throws SQLException {
        String fact = kind.substring("ORDER_".length()).toLowerCase(java.util.Locale.ROOT);
        return notice(c, new Notice("order-" + order.orderId() + "-" + fact, order.userId(), order.showId(), kind,
                order.holdId(), order.seatIds(), null, now, order.orderId(), order.amountCents()));
    }

    /** Stored in the caller's transaction, once by its id (made from the fact). */
    private static Notice notice(Connection c, Notice notice) throws SQLException {
        try (var q = c.prepareStatement("""
                insert into rushgate.notifications (notification_id, user_id, show_id, kind, hold_id, seat_ids,
                    expires_at, created_at, order_id, amount_cents) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (notification_id) do nothing""")) {
            q.setString(1, notice.notificationId());
            q.setString(2, notice.userId());
            q.setString(3, notice.showId());
            q.setString(4, notice.kind());
            q.setString(5, notice.holdId());
            q.setArray(6, c.createArrayOf("text", notice.seatIds().toArray()));
            q.setTimestamp(7, notice.expiresAt() == null ? null : Timestamp.from(notice.expiresAt()));
            q.setTimestamp(8, Timestamp.from(notice.createdAt()));
            q.setString(9, notice.orderId());
            if (notice.amountCents() == null) q.setNull(10, java.sql.Types.BIGINT);
            else q.setLong(10, notice.amountCents());
            q.executeUpdate();
        }
        return notice;
    }

    @Override
    public Order refunded(String orderId, String refundId, Instant now) {
        return inTransaction(c -> {
            try (var q = c.prepareStatement("""
                    update rushgate.orders set refund = 'REFUNDED', refund_id = ?, updated_at = ?
                    where order_id = ? and refund = 'PENDING'""")) {
                q.setString(1, refundId);
                q.setTimestamp(2, Timestamp.from(now));
                q.setString(3, orderId);
                if (q.executeUpdate() == 1) {
                    Order order = lockOrder(c, orderId);
                    orderNotice(c, order, "ORDER_REFUNDED", now);
                    return order;
                }
            }
            return lockOrder(c, orderId);
        });
    }

    @Override
    public List<Order> unsettledBefore(Instant before, int max) {
        // PENDING orders and owed refunds keep the updated_at of the step that made them so: within ten minutes
        // of it a lost message is sent again; after that the queue's DLQ holds whatever keeps failing.
        return query(c -> orders(c, """
                select * from rushgate.orders where (status = 'PENDING' or refund = 'PENDING')
                and updated_at < ? and updated_at > ? order by updated_at limit ?""",
                Timestamp.from(before), Timestamp.from(before.minusSeconds(600)), max));
    }

    @Override
    public long joinWaitlist(String showId, String userId) {
        return inTransaction(c -> {
            try (var q = c.prepareStatement("""
                    insert into rushgate.waitlist (show_id, user_id) values (?, ?) on conflict do nothing""")) {
                q.setString(1, showId);
                q.setString(2, userId);
                q.executeUpdate();
            }
            try (var q = c.prepareStatement("""
                    select count(*) from rushgate.waitlist w, rushgate.waitlist me
                    where me.show_id = ? and me.user_id = ? and w.show_id = me.show_id
                    and w.status = 'WAITING' and w.position <= me.position""")) {
                q.setString(1, showId);
                q.setString(2, userId);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public List<Notice> undeliveredOfOrder(String orderId) {
        return query(c -> notices(c, """
                select * from rushgate.notifications where order_id = ? and delivered_at is null
                order by created_at""", orderId));
    }

    @Override
    public List<Notice> undelivered(Instant before, int max) {
        return query(c -> notices(c, """
                select * from rushgate.notifications where delivered_at is null and created_at < ?
                order by notification_id limit ?""", Timestamp.from(before), max));
    }

    @Override
    public void delivered(String notificationId, Instant at) {
        inTransaction(c -> {
            try (var q = c.prepareStatement(
                    "update rushgate.notifications set delivered_at = ? where notification_id = ?")) {
                q.setTimestamp(1, Timestamp.from(at));
                q.setString(2, notificationId);
                return q.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Instant> nextDue(Instant now, boolean notices) {
        // the same conditions as expireDue, unsettledBefore and undelivered, each read through its partial index
        return inTransaction(c -> {
            try (var q = c.prepareStatement("""
                    select least(
                      (select min(expires_at) from rushgate.holds where status = 'ACTIVE'),
                      (select min(updated_at) from rushgate.orders
                        where (status = 'PENDING' or refund = 'PENDING') and updated_at > ?) + interval '60 seconds',
                      case when ? then (select min(created_at) from rushgate.notifications where delivered_at is null)
                        + interval '10 seconds' end)""")) {
                q.setTimestamp(1, Timestamp.from(now.minusSeconds(600)));
                q.setBoolean(2, notices);
                try (var rs = q.executeQuery()) {
                    rs.next();
                    Timestamp at = rs.getTimestamp(1);
                    return Optional.ofNullable(at).map(Timestamp::toInstant);
                }
            }
        });
    }

    // --- mapping -------------------------------------------------------------------------------------------

    private static Order lockOrder(Connection c, String orderId) throws SQLException {
        return orders(c, "select * from rushgate.orders where order_id = ? for update", orderId).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no order " + orderId));
    }

    private static void setOrderStatus(Connection c, String orderId, Order.Status status, Instant now)
            throws SQLException {
        try (var q = c.prepareStatement("update rushgate.orders set status = ?, updated_at = ? where order_id = ?")) {
            q.setString(1, status.name());
            q.setTimestamp(2, Timestamp.from(now));
            q.setString(3, orderId);
            q.executeUpdate();
        }
    }

    private static List<Hold> holds(Connection c, String sql, Object... args) throws SQLException {
        try (var q = prepare(c, sql, args); ResultSet rs = q.executeQuery()) {
            List<Hold> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Hold(rs.getString("hold_id"), rs.getString("show_id"), rs.getString("user_id"),
                        strings(rs.getArray("seat_ids")), rs.getLong("amount_cents"),
                        rs.getTimestamp("expires_at").toInstant(), rs.getString("status"), rs.getBoolean("offer")));
            }
            return out;
        }
    }

    private static List<Order> orders(Connection c, String sql, Object... args) throws SQLException {
        try (var q = prepare(c, sql, args); ResultSet rs = q.executeQuery()) {
            List<Order> out = new ArrayList<>();
            while (rs.next()) {
                String refund = rs.getString("refund");
                out.add(new Order(rs.getString("order_id"), rs.getString("hold_id"), rs.getString("show_id"),
                        rs.getString("user_id"), strings(rs.getArray("seat_ids")), rs.getLong("amount_cents"),
                        Order.Status.valueOf(rs.getString("status")), rs.getString("payment_token"),
                        rs.getString("charge_id"), refund == null ? Order.Refund.NONE : Order.Refund.valueOf(refund)));
            }
            return out;
        }
    }

    private static List<Notice> notices(Connection c, String sql, Object... args) throws SQLException {
        try (var q = prepare(c, sql, args); ResultSet rs = q.executeQuery()) {
            List<Notice> out = new ArrayList<>();
            while (rs.next()) {
                Timestamp expires = rs.getTimestamp("expires_at");
                out.add(new Notice(rs.getString("notification_id"), rs.getString("user_id"), rs.getString("show_id"),
                        rs.getString("kind"), rs.getString("hold_id"), strings(rs.getArray("seat_ids")),
                        expires == null ? null : expires.toInstant(), rs.getTimestamp("created_at").toInstant(),
                        rs.getString("order_id"), (Long) rs.getObject("amount_cents")));
            }
            return out;
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement q = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) q.setObject(i + 1, args[i]);
        return q;
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static int update(Connection c, String sql, String arg) throws SQLException {
        try (var q = c.prepareStatement(sql)) {
            q.setString(1, arg);
            return q.executeUpdate();
        }
    }

    private static String queryString(Connection c, String sql, String arg) throws SQLException {
        try (var q = c.prepareStatement(sql)) {
            q.setString(1, arg);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String terms(Show show) {
        try {
            return Json.MAPPER.writeValueAsString(show);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T query(Jdbc.Work<T> work) {
        return Jdbc.query(dataSource.get(), "ledger query", work);
    }

    private <T> T inTransaction(Jdbc.Work<T> work) {
        return Jdbc.inTransaction(dataSource.get(), "ledger transaction", work);
    }
}
