package dev.rushgate.votes.adapter;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rushgate.platform.Json;
import dev.rushgate.votes.domain.Poll;
import dev.rushgate.votes.domain.PollCatalog;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls in PostgreSQL ({@code rushgate.polls}); options and alert rules are JSON columns. */
public final class JdbcPollCatalog implements PollCatalog {
    private static final TypeReference<List<Poll.Option>> OPTIONS = new TypeReference<>() {};
    private static final TypeReference<List<Poll.AlertRule>> ALERTS = new TypeReference<>() {};

    private final Supplier<DataSource> database;

    public JdbcPollCatalog(Supplier<DataSource> database) {
        this.database = database;
    }

    @Override
    public boolean save(Poll poll) {
        String sql = """
                insert into rushgate.polls (poll_id, question, options, opens_at, closes_at, alerts, room_id, webhook_url,
                    owner_id)
                values (?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?)
                on conflict (poll_id) do update set question = excluded.question, options = excluded.options,
                    opens_at = excluded.opens_at, closes_at = excluded.closes_at, alerts = excluded.alerts,
                    room_id = excluded.room_id, webhook_url = excluded.webhook_url, owner_id = excluded.owner_id,
                    updated_at = now()
                returning (xmax = 0) as created""";
        try (Connection c = database.get().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, poll.pollId());
            s.setString(2, poll.question());
            s.setString(3, Json.write(poll.options()));
            s.setTimestamp(4, Timestamp.from(poll.opensAt()));
            s.setTimestamp(5, Timestamp.from(poll.closesAt()));
            s.setString(6, Json.write(poll.alerts()));
            s.setString(7, poll.roomId());
            s.setString(8, poll.webhookUrl() == null ? null : poll.webhookUrl().toString());
            s.setString(9, poll.ownerId());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save poll", e);
        }
    }

    @Override
    public Optional<Poll> find(String pollId) {
        String sql = "select question, options, opens_at, closes_at, alerts, room_id, webhook_url, owner_id "
                + "from rushgate.polls "
                + "where poll_id = ?";
        try (Connection c = database.get().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, pollId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                String webhook = rs.getString(7);
                return Optional.of(new Poll(pollId, rs.getString(1), read(rs.getString(2), OPTIONS),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), read(rs.getString(5), ALERTS),
                        rs.getString(6), webhook == null ? null : URI.create(webhook), rs.getString(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read poll", e);
        }
    }

    @Override
    public List<String> recentPollIds() {
        String sql = "select poll_id from rushgate.polls where closes_at > now() - interval '1 day' order by poll_id";
        try (Connection c = database.get().getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) ids.add(rs.getString(1));
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list polls", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable poll column", e);
        }
    }
}
