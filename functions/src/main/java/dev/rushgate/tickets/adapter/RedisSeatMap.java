package dev.rushgate.tickets.adapter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.LiveCounters;
import dev.rushgate.platform.LiveMetrics;
import dev.rushgate.platform.RedisScript;
import dev.rushgate.tickets.domain.Hold;
import dev.rushgate.tickets.domain.HoldDecision;
import dev.rushgate.tickets.domain.HotState;
import dev.rushgate.tickets.domain.SeatCounts;
import dev.rushgate.tickets.domain.SeatMap;
import dev.rushgate.tickets.domain.Section;
import dev.rushgate.tickets.domain.Show;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The seat map in Redis ({@code tickets.lua}). Every key of a show carries the hash tag {@code {show:<id>}}, so
 * one Lua call touches them all on a cluster (ElastiCache Serverless). Loading writes the taken seats in chunks
 * and the show's meta hash last: until it exists every decision answers "unknown", so nobody decides on half a map.
 */
public final class RedisSeatMap implements SeatMap {

    private static final RedisScript SCRIPT = RedisScript.load("/lua/tickets.lua");
    private static final int CHUNK = 5_000;
    private static final long LOADING_MILLIS = 30_000;

    private final Supplier<RedisClusterCommands<String, String>> redis;

    public RedisSeatMap(Supplier<RedisClusterCommands<String, String>> redis) {
        this.redis = redis;
    }

    @Override
    public HoldDecision hold(String showId, String userId, String holdId, List<String> seatIds, Instant now,
                             String admittedRoom) {
        String[] args = new String[5 + seatIds.size()];
        args[0] = "hold";
        args[1] = millis(now);
        args[2] = userId;
        args[3] = holdId;
        args[4] = admittedRoom == null ? "" : admittedRoom;
        for (int i = 0; i < seatIds.size(); i++) args[5 + i] = seatIds.get(i);
        String[] keys = java.util.Arrays.copyOf(counted(showId, now), 7);
        keys[6] = LiveCounters.refusedUsersKey(tag(showId));
        List<Object> result = SCRIPT.run(redis.get(), ScriptOutputType.MULTI, keys, args);
        String verdict = (String) result.get(0);
        if (!verdict.equals("unknown")) {
            LiveMetrics.count("show", showId, verdict.equals("refused") ? (String) result.get(1) : verdict);
        }
        return switch (verdict) {
            case "held" -> new HoldDecision.Held(Long.parseLong((String) result.get(1)),
                    Instant.ofEpochMilli(Long.parseLong((String) result.get(2))));
            case "refused" -> new HoldDecision.Refused((String) result.get(1));
            case "unknown" -> new HoldDecision.Unknown();
            default -> throw new IllegalStateException("unexpected verdict " + verdict);
        };
    }

    @Override
    public Optional<SeatCounts> counts(String showId, Instant now) {
        return live(showId, now).map(LiveCounts::seats);
    }

    /** A show's seat counts and its payments in flight, read together. */
    public record LiveCounts(SeatCounts seats, long paymentsInFlight) {
    }

    /**
     * The show's seat counts and its payments in flight (its holds being paid for, which tickets.lua counts as they
     * start and end), in one call; empty when the show is not loaded. For the operators' live view.
     */
    public Optional<LiveCounts> live(String showId, Instant now) {
        List<Object> result = SCRIPT.run(redis.get(), ScriptOutputType.MULTI, keys(showId), "counts", millis(now));
        if ("unknown".equals(result.get(0))) return Optional.empty();
        return Optional.of(new LiveCounts(new SeatCounts(integer(result.get(0)), integer(result.get(1)),
                integer(result.get(2)), integer(result.get(3))), integer(result.get(4))));
    }

    @Override
    public Map<String, String> statuses(String showId, List<String> seatIds) {
        Map<String, String> out = new HashMap<>();
        for (var kv : redis.get().hmget(key(showId, "seats"), seatIds.toArray(String[]::new))) {
            String v = kv.hasValue() ? kv.getValue() : "A";
            out.put(kv.getKey(), v.equals("A") ? "AVAILABLE" : v.equals("S") ? "SOLD" : "HELD");
        }
        return out;
    }

    /**
     * Only seats that are held or sold get a field (an absent seat of the map is AVAILABLE), so a new show is one
     * meta hash however large, and Redis holds what is taken rather than the whole map.
     */
    @Override
    public void load(HotState state) {
        Show show = state.show();
        String showId = show.showId();
        var commands = redis.get();
        commands.del(keys(showId));
        LiveCounters.register(commands, "show", showId, Instant.now());
        Map<String, String> seats = new HashMap<>();
        Map<String, Long> users = new HashMap<>();
        state.soldTo().forEach((seat, user) -> {
            seats.put(seat, "S");
            users.merge(user, 1L, Long::sum);
        });
        Map<String, String> holds = new HashMap<>();
        int held = 0;
        int paying = 0;
        for (Hold hold : state.liveHolds()) {
            for (String seat : hold.seatIds()) {
                if (seats.putIfAbsent(seat, hold.holdId()) == null) held++;
            }
            users.merge(hold.userId(), (long) hold.seatIds().size(), Long::sum);
            holds.put(hold.holdId(), encode(hold).without("i").toString());
            if (hold.paying()) paying++;
            if (!hold.paying() && !hold.offer()) {
                commands.zadd(key(showId, "expiry"), (double) hold.expiresAt().toEpochMilli(), hold.holdId());
            }
        }
        Map<String, String> chunk = new HashMap<>();
        for (var e : seats.entrySet()) {
            chunk.put(e.getKey(), e.getValue());
            if (chunk.size() == CHUNK) {
                commands.hset(key(showId, "seats"), chunk);
                chunk.clear();
            }
        }
        if (!chunk.isEmpty()) commands.hset(key(showId, "seats"), chunk);
        if (!holds.isEmpty()) commands.hset(key(showId, "holds"), holds);
        if (!users.isEmpty()) {
            Map<String, String> byUser = new HashMap<>();
            users.forEach((u, n) -> byUser.put(u, Long.toString(n)));
            commands.hset(key(showId, "users"), byUser);
        }
        int sold = state.soldTo().size();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("roomId", show.roomId() == null ? "" : show.roomId());
        meta.put("holdSeconds", Integer.toString(show.holdSeconds()));
        meta.put("maxSeats", Integer.toString(show.maxSeatsPerUser()));
        meta.put("total", Integer.toString(show.totalSeats()));
        meta.put("available", Integer.toString(show.totalSeats() - held - sold));
        meta.put("held", Integer.toString(held));
        meta.put("sold", Integer.toString(sold));
        meta.put("paying", Integer.toString(paying));
        for (Section s : show.sections()) {
            meta.put("price:" + s.id(), Long.toString(s.priceCents()));
            meta.put("rows:" + s.id(), Integer.toString(s.rows()));
            meta.put("perRow:" + s.id(), Integer.toString(s.seatsPerRow()));
        }
        // Last: the show exists for decisions only once everything else is in place.
        commands.hset(key(showId, "meta"), meta);
    }

    @Override
    public String pay(String showId, String holdId, Instant now) {
        String answer = SCRIPT.run(redis.get(), ScriptOutputType.VALUE, counted(showId, now), "pay", millis(now), holdId);
        if ("paying".equals(answer)) LiveMetrics.count("show", showId, "paying");
        return answer;
    }

    @Override
    public void unpay(String showId, String holdId, Instant now) {
        SCRIPT.run(redis.get(), ScriptOutputType.VALUE, keys(showId), "unpay", millis(now), holdId);
    }

    @Override
    public void release(String showId, String holdId, Instant now) {
        SCRIPT.run(redis.get(), ScriptOutputType.VALUE, keys(showId), "release", millis(now), holdId);
    }

    @Override
    public void sell(String showId, String holdId, Instant now) {
        String sold = SCRIPT.run(redis.get(), ScriptOutputType.VALUE, counted(showId, now), "sell", millis(now), holdId);
        if (sold != null && !sold.equals("0")) LiveMetrics.count("show", showId, Map.of("sold", Long.parseLong(sold)));
    }

    @Override
    public void place(Hold hold, Instant now) {
        SCRIPT.run(redis.get(), ScriptOutputType.VALUE, keys(hold.showId()), "place", millis(now),
                encode(hold).toString());
    }

    @Override
    public void free(String showId, String buyerId, List<String> seatIds, Instant now) {
        List<String> args = new ArrayList<>(List.of("free", millis(now), buyerId));
        args.addAll(seatIds);
        SCRIPT.run(redis.get(), ScriptOutputType.VALUE, keys(showId), args.toArray(String[]::new));
    }

    @Override
    public boolean startLoading(String showId) {
        return "OK".equals(redis.get().set(key(showId, "loading"), "1", SetArgs.Builder.nx().px(LOADING_MILLIS)));
    }

    @Override
    public void doneLoading(String showId) {
        redis.get().del(key(showId, "loading"));
    }

    /** The hold as tickets.lua stores it. */
    private static ObjectNode encode(Hold hold) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("i", hold.holdId());
        node.put("u", hold.userId());
        node.put("a", hold.amountCents());
        node.put("e", hold.expiresAt().toEpochMilli());
        var seats = node.putArray("s");
        hold.seatIds().forEach(seats::add);
        node.put("p", hold.paying());
        node.put("o", hold.offer());
        return node;
    }

    private static String[] keys(String showId) {
        return new String[] {key(showId, "meta"), key(showId, "seats"), key(showId, "holds"), key(showId, "users"),
                key(showId, "expiry")};
    }

    /** The show's keys and this second's live counters: for the operations that count their answers. */
    private static String[] counted(String showId, Instant now) {
        String[] keys = java.util.Arrays.copyOf(keys(showId), 6);
        keys[5] = LiveCounters.key(tag(showId), now);
        return keys;
    }

    /** {@code {show:<id>}:<part>}: the hash tag keeps a show's keys in one slot. */
    static String key(String showId, String part) {
        return tag(showId) + ":" + part;
    }

    public static String tag(String showId) {
        return "{show:" + showId + "}";
    }

    private static String millis(Instant now) {
        return Long.toString(now.toEpochMilli());
    }

    private static int integer(Object value) {
        return value == null ? 0 : Integer.parseInt(value.toString());
    }
}
