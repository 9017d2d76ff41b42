package dev.rushgate.ops.adapter;

import dev.rushgate.drops.adapter.RedisStock;
import dev.rushgate.ops.domain.LiveView;
import dev.rushgate.room.adapter.RedisWaitingLine;
import dev.rushgate.room.domain.RoomState;
import dev.rushgate.tickets.adapter.RedisSeatMap;
import dev.rushgate.votes.adapter.RedisBallotBox;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Each kind of event's numbers now, read from the cache where the hot path keeps them (one call per event). */
public final class RedisLiveGauges implements LiveView.Gauges {
    private final RedisStock drops;
    private final RedisWaitingLine rooms;
    private final RedisSeatMap shows;
    private final RedisBallotBox polls;
    private final Clock clock;

    public RedisLiveGauges(RedisStock drops, RedisWaitingLine rooms, RedisSeatMap shows, RedisBallotBox polls,
                           Clock clock) {
        this.drops = drops;
        this.rooms = rooms;
        this.shows = shows;
        this.polls = polls;
        this.clock = clock;
    }

    @Override
    public Optional<Map<String, Object>> read(String kind, String id) {
        Instant now = clock.instant();
        return switch (kind) {
            case "drop" -> drops.level(id).map(l -> Map.of("stock", l.stock(), "accepted", l.accepted(),
                    "remaining", l.stock() - l.accepted()));
            case "room" -> rooms.view(id, now).map(room -> room(room, now));
            case "show" -> shows.live(id, now).map(c -> Map.of("total", c.seats().total(),
                    "available", c.seats().available(), "held", c.seats().held(), "sold", c.seats().sold(),
                    "paymentsInFlight", c.paymentsInFlight()));
            case "poll" -> polls.accepted(id).map(options -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("accepted", options.values().stream().mapToLong(Long::longValue).sum());
                out.put("options", options);
                return out;
            });
            default -> Optional.empty();
        };
    }

    /** The line now, and how long the last in it would wait at the rate the room is admitting. */
    private static Map<String, Object> room(RoomState room, Instant now) {
        double rate = room.plannedRate(now);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("waiting", room.waiting());
        out.put("admitPerSecond", room.admitPerSecond());
        out.put("admittingPerSecond", Math.round(rate * 100) / 100.0);
        out.put("lastInLineWaitSeconds", rate > 0 ? (Object) Math.round(room.waiting() / rate) : null);
        out.put("admitted", room.admitted());
        out.put("abandoned", room.abandoned());
        out.put("expired", room.expired());
        out.put("refused", room.refusedUser() + room.refusedIp());
        return out;
    }
}
