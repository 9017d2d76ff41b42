package dev.rushgate.votes.adapter;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.Jdbc;
import dev.rushgate.votes.domain.FiredAlert;
import dev.rushgate.votes.domain.Poll;
import dev.rushgate.votes.domain.TallyBook;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Tallies in PostgreSQL. Counting is one transaction: a transaction-scoped advisory lock per poll (so counting
 * and a rebuild of the same poll never interleave), {@code insert into counted_votes … on conflict do nothing
 * returning} to find the votes not counted yet, the tallies increased by those, and a row per alert whose
 * threshold the new counts reached (its primary key makes it fire once, ever) with its outbox rows.
 */
public final class JdbcTallyBook implements TallyBook {
    /** {@code option_id} of a threshold on the whole poll. */
    private static final String WHOLE_POLL = "";

    private final Supplier<DataSource> database;

    public JdbcTallyBook(Supplier<DataSource> database) {
        this.database = database;
    }

    @Override
    public int count(List<VoteAccepted> votes, Map<String, Poll> polls) {
        return inTransaction(c -> {
            TreeSet<String> pollIds = new TreeSet<>(polls.keySet());
            for (String pollId : pollIds) lock(c, pollId);
            Map<String, Map<String, Long>> added = new TreeMap<>();
            String insert = """
                    insert into rushgate.counted_votes (vote_id, poll_id, option_id, accepted_at)
                    select v, p, o, to_timestamp(a / 1000.0)
                    from unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) as t(v, p, o, a)
                    on conflict (vote_id) do nothing
                    returning poll_id, option_id""";
            int counted = 0;
            try (PreparedStatement s = c.prepareStatement(insert)) {
                s.setArray(1, text(c, votes.stream().map(VoteAccepted::voteId).toList()));
                s.setArray(2, text(c, votes.stream().map(VoteAccepted::pollId).toList()));
                s.setArray(3, text(c, votes.stream().map(VoteAccepted::optionId).toList()));
                s.setArray(4, c.createArrayOf("bigint", votes.stream().map(VoteAccepted::acceptedAt).toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        added.computeIfAbsent(rs.getString(1), p -> new TreeMap<>()).merge(rs.getString(2), 1L, Long::sum);
                        counted++;
                    }
                }
            }
            if (counted == 0) return 0;
            addToTallies(c, added);
            for (String pollId : added.keySet()) recordAlerts(c, polls.get(pollId), tallies(c, pollId));
            return counted;
        });
    }

    private static void addToTallies(Connection c, Map<String, Map<String, Long>> added) throws SQLException {
        List<String> polls = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        added.forEach((poll, byOption) -> byOption.forEach((option, n) -> {
            polls.add(poll);
            options.add(option);
            counts.add(n);
        }));
        String upsert = """
                insert into rushgate.poll_tallies (poll_id, option_id, votes)
                select * from unnest(?::text[], ?::text[], ?::bigint[])
                on conflict (poll_id, option_id) do update set votes = poll_tallies.votes + excluded.votes""";
        try (PreparedStatement s = c.prepareStatement(upsert)) {
            s.setArray(1, text(c, polls));
            s.setArray(2, text(c, options));
            s.setArray(3, c.createArrayOf("bigint", counts.toArray()));
            s.executeUpdate();
        }
    }

    private static void recordAlerts(Connection c, Poll poll, Map<String, Long> tallies) throws SQLException {
        long total = tallies.values().stream().mapToLong(Long::longValue).sum();
        String insert = """
                insert into rushgate.poll_alerts (poll_id, option_id, threshold, votes) values (?, ?, ?, ?)
                on conflict (poll_id, option_id, threshold) do nothing returning seq""";
        for (Poll.AlertRule rule : poll.alerts()) {
            long votes = rule.optionId() == null ? total : tallies.getOrDefault(rule.optionId(), 0L);
            if (votes < rule.threshold()) continue;
            try (PreparedStatement s = c.prepareStatement(insert)) {
                s.setString(1, poll.pollId());
                s.setString(2, rule.optionId() == null ? WHOLE_POLL : rule.optionId());
                s.setLong(3, rule.threshold());
                s.setLong(4, votes);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) continue; // fired before
                    long seq = rs.getLong(1);
                    outbox(c, seq, Channel.KAFKA);
                    if (poll.webhookUrl() != null) outbox(c, seq, Channel.WEBHOOK);
                }
            }
        }
    }

    private static void outbox(Connection c, long seq, Channel channel) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "insert into rushgate.poll_alert_outbox (seq, channel) values (?, ?)")) {
            s.setLong(1, seq);
            s.setString(2, channel.name().toLowerCase(java.util.Locale.ROOT));
            s.executeUpdate();
        }
    }

    @Override
    public Map<String, Long> persisted(String pollId) {
        try (Connection c = database.get().getConnection()) {
            return tallies(c, pollId);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read tallies", e);
        }
    }

    private static Map<String, Long> tallies(Connection c, String pollId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select option_id, votes from rushgate.poll_tallies where poll_id = ?")) {
            s.setString(1, pollId);
            Map<String, Long> out = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        }
    }

    @Override
    public List<FiredAlert> alerts(String pollId, long afterSeq, int limit) {
        String sql = "select seq, option_id, threshold, votes, fired_at from rushgate.poll_alerts "
                + "where poll_id = ? and seq > ? order by seq limit ?";
        try (Connection c = database.get().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, pollId);
            s.setLong(2, afterSeq);
            s.setInt(3, limit);
            List<FiredAlert> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(alert(rs, pollId, 2));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read alerts", e);
        }
    }

    /** Reads seq at column 1 and option, threshold, votes, fired_at from {@code from} on. */
    private static FiredAlert alert(ResultSet rs, String pollId, int from) throws SQLException {
        String option = rs.getString(from);
        return new FiredAlert(rs.getLong(1), pollId, WHOLE_POLL.equals(option) ? null : option, rs.getLong(from + 1),
                rs.getLong(from + 2), rs.getTimestamp(from + 3).toInstant());
    }

    @Override
    public Map<String, Long> replace(String pollId, Map<String, Long> stored, Collection<VoteAccepted> storedVotes) {
        return inTransaction(c -> {
            lock(c, pollId);
            Map<String, Long> before = tallies(c, pollId);
            List<VoteAccepted> votes = List.copyOf(storedVotes);
            try (PreparedStatement s = c.prepareStatement("""
                    insert into rushgate.counted_votes (vote_id, poll_id, option_id, accepted_at)
                    select v, ?, o, to_timestamp(a / 1000.0)
                    from unnest(?::text[], ?::text[], ?::bigint[]) as t(v, o, a)
                    on conflict (vote_id) do nothing""")) {
                s.setString(1, pollId);
                s.setArray(2, text(c, votes.stream().map(VoteAccepted::voteId).toList()));
                s.setArray(3, text(c, votes.stream().map(VoteAccepted::optionId).toList()));
                s.setArray(4, c.createArrayOf("bigint", votes.stream().map(VoteAccepted::acceptedAt).toArray()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("delete from rushgate.poll_tallies where poll_id = ?")) {
                s.setString(1, pollId);
                s.executeUpdate();
            }
            if (!stored.isEmpty()) addToTallies(c, Map.of(pollId, new TreeMap<>(stored)));
            return before;
        });
    }

    @Override
    public int drainAlerts(AlertSender sender, int max) {
        return inTransaction(c -> {
            String sql = """
                    select o.seq, a.option_id, a.threshold, a.votes, a.fired_at, a.poll_id, o.channel
                    from rushgate.poll_alert_outbox o join rushgate.poll_alerts a on a.seq = o.seq
                    order by o.seq, o.channel limit ? for update of o skip locked""";
            List<FiredAlert> alerts = new ArrayList<>();
            List<String> channels = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setInt(1, max);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        alerts.add(alert(rs, rs.getString(6), 2));
                        channels.add(rs.getString(7));
                    }
                }
            }
            int sent = 0;
            try (PreparedStatement delete = c.prepareStatement(
                    "delete from rushgate.poll_alert_outbox where seq = ? and channel = ?")) {
                for (int i = 0; i < alerts.size(); i++) {
                    try {
                        sender.send(alerts.get(i), Channel.valueOf(channels.get(i).toUpperCase(java.util.Locale.ROOT)));
                    } catch (RuntimeException e) {
                        // What was sent so far leaves the outbox (commit below); this one and the rest stay.
                        if (sent == 0) throw e;
                        break;
                    }
                    delete.setLong(1, alerts.get(i).seq());
                    delete.setString(2, channels.get(i));
                    delete.executeUpdate();
                    sent++;
                }
            }
            return sent;
        });
    }

    private static void lock(Connection c, String pollId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
            s.setString(1, "poll:" + pollId);
            s.execute();
        }
    }

    private static Array text(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    private <T> T inTransaction(Jdbc.Work<T> work) {
        return Jdbc.inTransaction(database.get(), "tally transaction", work);
    }
}
