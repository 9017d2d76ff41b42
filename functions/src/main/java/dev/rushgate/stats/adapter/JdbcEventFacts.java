package dev.rushgate.stats.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.platform.Jdbc;
import dev.rushgate.platform.Json;
import dev.rushgate.stats.domain.EventFacts;

import javax.sql.DataSource;
import java.util.Optional;
import java.util.function.Supplier;

/** The facts of the events kept in PostgreSQL: shows (orders paid) and polls (votes counted). */
public final class JdbcEventFacts implements EventFacts {
    private final Supplier<DataSource> database;
    private final String kind;

    private JdbcEventFacts(Supplier<DataSource> database, String kind) {
        this.database = database;
        this.kind = kind;
    }

    /** A show's owner and room from its terms; paid = orders confirmed, and those cancelled (refunded) after it. */
    public static JdbcEventFacts shows(Supplier<DataSource> database) {
        return new JdbcEventFacts(database, "show");
    }

    /** A poll's owner and room; counted = the votes its persisted tally holds. */
    public static JdbcEventFacts polls(Supplier<DataSource> database) {
        return new JdbcEventFacts(database, "poll");
    }

    @Override
    public Optional<Facts> read(String id) {
        String sql = kind.equals("show") ? """
                select s.terms, null, (select count(*) from rushgate.orders o
                    where o.show_id = s.show_id and o.status in ('CONFIRMED', 'CANCELLED'))
                from rushgate.shows s where s.show_id = ?""" : """
                select p.owner_id, p.room_id, (select coalesce(sum(t.votes), 0) from rushgate.poll_tallies t
                    where t.poll_id = p.poll_id)
                from rushgate.polls p where p.poll_id = ?""";
        return Jdbc.query(database.get(), "read " + kind + " facts", c -> {
            try (var s = c.prepareStatement(sql)) {
                s.setString(1, id);
                try (var rs = s.executeQuery()) {
                    if (!rs.next()) return Optional.<Facts>empty();
                    if (kind.equals("poll")) return Optional.of(new Facts(rs.getString(1), rs.getString(2), rs.getLong(3)));
                    JsonNode terms = Json.read(rs.getString(1), JsonNode.class);
                    return Optional.of(new Facts(text(terms, "ownerId"), text(terms, "roomId"), rs.getLong(3)));
                }
            }
        });
    }

    private static String text(JsonNode terms, String field) {
        JsonNode value = terms.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
