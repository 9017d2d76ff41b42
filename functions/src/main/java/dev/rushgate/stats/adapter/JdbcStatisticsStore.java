package dev.rushgate.stats.adapter;

import dev.rushgate.platform.Jdbc;
import dev.rushgate.stats.domain.StatisticsStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Statistics in PostgreSQL ({@code V8__owner_statistics.sql}). A roll-up holds a transaction-scoped advisory lock on
 * its event, so two never interleave, and writes everything in that one transaction: minutes replaced (SET, never
 * ADD), refused users raised to the cache's running total, progress moved last.
 */
public final class JdbcStatisticsStore implements StatisticsStore {
    private final Supplier<DataSource> database;

    public JdbcStatisticsStore(Supplier<DataSource> database) {
        this.database = database;
    }

    @Override
    public void rollUp(String kind, String id, Function<Optional<Instant>, RollUp> plan) {
        Jdbc.inTransaction(database.get(), "roll up " + kind + " " + id, c -> {
            try (var lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, "stats/" + kind + "/" + id);
                lock.execute();
            }
            Optional<Instant> rolledTo = Optional.empty();
            try (var q = c.prepareStatement(
                    "select rolled_to from rushgate.stats_events where kind = ? and event_id = ?")) {
                q.setString(1, kind);
                q.setString(2, id);
                try (var rs = q.executeQuery()) {
                    if (rs.next()) rolledTo = Optional.of(rs.getTimestamp(1).toInstant());
                }
            }
            RollUp rollUp = plan.apply(rolledTo);
            writeMinutes(c, kind, id, rollUp.minutes());
            writeRefusedUsers(c, kind, id, rollUp.refusedUsers());
            try (var u = c.prepareStatement("""
                    insert into rushgate.stats_events (kind, event_id, owner_id, room_id, rolled_to, missed_minutes,
                        durable, rolled_at) values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (kind, event_id) do update set owner_id = excluded.owner_id,
                        room_id = excluded.room_id, durable = excluded.durable, rolled_at = excluded.rolled_at,
                        rolled_to = greatest(stats_events.rolled_to, excluded.rolled_to),
                        missed_minutes = stats_events.missed_minutes + excluded.missed_minutes""")) {
                u.setString(1, kind);
                u.setString(2, id);
                u.setString(3, rollUp.ownerId());
                u.setString(4, rollUp.roomId());
                u.setTimestamp(5, Timestamp.from(rollUp.rolledTo()));
                u.setLong(6, rollUp.missedMinutes());
                u.setLong(7, rollUp.durable());
                u.setTimestamp(8, Timestamp.from(rollUp.rolledAt()));
                u.executeUpdate();
            }
            return null;
        });
    }

    private static void writeMinutes(Connection c, String kind, String id, List<Minute> minutes) throws SQLException {
        if (minutes.isEmpty()) return;
        try (var u = c.prepareStatement("""
                insert into rushgate.stats_minutes (kind, event_id, minute, answer, count) values (?, ?, ?, ?, ?)
                on conflict (kind, event_id, minute, answer) do update set count = excluded.count""")) {
            for (Minute minute : minutes) {
                for (var answer : minute.counts().entrySet()) {
                    u.setString(1, kind);
                    u.setString(2, id);
                    u.setTimestamp(3, Timestamp.from(minute.minute()));
                    u.setString(4, answer.getKey());
                    u.setLong(5, answer.getValue());
                    u.addBatch();
                }
            }
            u.executeBatch();
        }
    }

    private static void writeRefusedUsers(Connection c, String kind, String id, Map<String, Long> users)
            throws SQLException {
        if (users.isEmpty()) return;
        // greatest: the cache's set may have expired and started again; what was copied before is kept
        try (var u = c.prepareStatement("""
                insert into rushgate.stats_refused_users (kind, event_id, user_id, refusals) values (?, ?, ?, ?)
                on conflict (kind, event_id, user_id) do update
                    set refusals = greatest(stats_refused_users.refusals, excluded.refusals)""")) {
            for (var user : users.entrySet()) {
                u.setString(1, kind);
                u.setString(2, id);
                u.setString(3, user.getKey());
                u.setLong(4, user.getValue());
                u.addBatch();
            }
            u.executeBatch();
        }
    }

    @Override
    public Optional<Stored> read(String kind, String id, int maxUsers) {
        return Jdbc.inTransaction(database.get(), "read statistics of " + kind + " " + id, c -> {
            // one snapshot for the three reads, so minutes and progress agree
            try (var s = c.createStatement()) {
                s.execute("set transaction isolation level repeatable read, read only");
            }
            String owner;
            String room;
            long durable;
            Instant rolledTo;
            long missed;
            Instant rolledAt;
            try (var q = c.prepareStatement("""
                    select owner_id, room_id, durable, rolled_to, missed_minutes, rolled_at
                    from rushgate.stats_events where kind = ? and event_id = ?""")) {
                q.setString(1, kind);
                q.setString(2, id);
                try (var rs = q.executeQuery()) {
                    if (!rs.next()) return Optional.<Stored>empty();
                    owner = rs.getString(1);
                    room = rs.getString(2);
                    durable = rs.getLong(3);
                    rolledTo = rs.getTimestamp(4).toInstant();
                    missed = rs.getLong(5);
                    rolledAt = rs.getTimestamp(6).toInstant();
                }
            }
            Map<Instant, Map<String, Long>> byMinute = new TreeMap<>();
            try (var q = c.prepareStatement("""
                    select minute, answer, count from rushgate.stats_minutes where kind = ? and event_id = ?
                    order by minute, answer""")) {
                q.setString(1, kind);
                q.setString(2, id);
                try (var rs = q.executeQuery()) {
                    while (rs.next()) {
                        byMinute.computeIfAbsent(rs.getTimestamp(1).toInstant(), m -> new TreeMap<>())
                                .put(rs.getString(2), rs.getLong(3));
                    }
                }
            }
            List<Minute> minutes = new ArrayList<>();
            byMinute.forEach((minute, counts) -> minutes.add(new Minute(minute, counts)));
            Map<String, Long> users = new LinkedHashMap<>();
            if (maxUsers > 0) {
                try (var q = c.prepareStatement("""
                        select user_id, refusals from rushgate.stats_refused_users where kind = ? and event_id = ?
                        order by refusals desc, user_id limit ?""")) {
                    q.setString(1, kind);
                    q.setString(2, id);
                    q.setInt(3, maxUsers);
                    try (var rs = q.executeQuery()) {
                        while (rs.next()) users.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return Optional.of(new Stored(kind, id, owner, room, durable, rolledTo, missed, rolledAt, minutes, users));
        });
    }
}
