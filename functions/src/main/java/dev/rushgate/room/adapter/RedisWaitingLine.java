package dev.rushgate.room.adapter;

import dev.rushgate.platform.GroupCommit;
import dev.rushgate.platform.RedisScript;
import dev.rushgate.room.domain.Entering;
import dev.rushgate.room.domain.Entry;
import dev.rushgate.room.domain.Room;
import dev.rushgate.room.domain.RoomState;
import dev.rushgate.room.domain.Standing;
import dev.rushgate.room.domain.WaitingLine;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The line in Redis: every operation is one call of {@code room.lua}. Every key of a room carries the
 * hash tag {@code {room:<id>}}, so one call can touch them all on a cluster (ElastiCache Serverless).
 * Polls of one room that arrive while another poll of it is in flight go together as one call (op
 * {@code polls}), each answered as if alone: owners' polls are most of a room's traffic, and where one
 * process serves many at once (the local stack) one round trip then serves many of them.
 */
public final class RedisWaitingLine implements WaitingLine {

    private static final RedisScript ROOM = RedisScript.load("/lua/room.lua");
    private static final int ROOM_FIELDS = 14;
    /** Bounds one call's time in Redis, which runs nothing else meanwhile. */
    private static final int MAX_POLLS_PER_CALL = 256;

    private final Supplier<RedisClusterCommands<String, String>> redis;
    private final GroupCommit<String, Poll, Optional<Standing>> polls =
            new GroupCommit<>(MAX_POLLS_PER_CALL, this::pollTogether);

    /** One owner's poll, waiting to go with others of its room. */
    record Poll(String userId, String entryId, Instant now) {}

    public RedisWaitingLine(Supplier<RedisClusterCommands<String, String>> redis) {
        this.redis = redis;
    }

    @Override
    public boolean define(Room room, Instant now) {
        List<Object> result = run(room.roomId(), null, null, "define", now,
                Integer.toString(room.admitPerSecond()), Long.toString(room.admissionTtl().toMillis()),
                Long.toString(room.abandonAfter().toMillis()), Long.toString(room.opensAt().toEpochMilli()),
                Integer.toString(room.entriesPerUserPerMinute()), Integer.toString(room.entriesPerIpPerMinute()));
        return "created".equals(result.get(0));
    }

    @Override
    public Entering enter(String roomId, String userId, String newEntryId, String sourceAddress, Instant now) {
        List<Object> result = run(roomId, userId, sourceAddress, "enter", now, userId, newEntryId);
        return switch ((String) result.get(0)) {
            case "unknown-room" -> new Entering.UnknownRoom();
            case "rate-limited" -> new Entering.RateLimited(Duration.ofMillis(Long.parseLong((String) result.get(1))));
            case "entered" -> new Entering.Placed(standing(result), false);
            case "existing" -> new Entering.Placed(standing(result), true);
            default -> throw new IllegalStateException("unexpected answer " + result.get(0));
        };
    }

    @Override
    public Optional<Standing> poll(String roomId, String userId, String entryId, Instant now) {
        return polls.call(roomId, new Poll(userId, entryId, now));
    }

    /**
     * A lone poll as op {@code poll}; several as one op {@code polls}, answered in their order. Polls of one
     * batch that saw the room in the same state share one {@link RoomState}.
     */
    List<Optional<Standing>> pollTogether(String roomId, List<Poll> batch) {
        if (batch.size() == 1) {
            Poll p = batch.get(0);
            return List.of(polled(run(roomId, null, null, "poll", p.now(), p.userId(), p.entryId())));
        }
        String[] args = new String[batch.size() * 3];
        Instant latest = batch.get(0).now();
        for (int i = 0; i < batch.size(); i++) {
            Poll p = batch.get(i);
            args[3 * i] = p.userId();
            args[3 * i + 1] = p.entryId();
            args[3 * i + 2] = Long.toString(p.now().toEpochMilli());
            if (p.now().isAfter(latest)) latest = p.now();
        }
        List<Object> result = run(roomId, null, null, "polls", latest, args);
        List<Optional<Standing>> answers = new ArrayList<>(batch.size());
        if ("unknown-room".equals(result.get(0))) {
            for (int i = 0; i < batch.size(); i++) answers.add(Optional.empty());
            return answers;
        }
        List<RoomState> rooms = new ArrayList<>();
        for (Object room : (List<?>) result.get(0)) rooms.add(room(list(room), 0));
        for (Object answer : (List<?>) result.get(1)) {
            List<Object> one = list(answer);
            answers.add("entry".equals(one.get(0))
                    ? Optional.of(new Standing(entry(one), rooms.get((int) l(one, 8) - 1))) : Optional.empty());
        }
        return answers;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object nested) {
        return (List<Object>) nested;
    }

    private static Optional<Standing> polled(List<Object> result) {
        return "entry".equals(result.get(0)) ? Optional.of(standing(result)) : Optional.empty();
    }

    @Override
    public Optional<RoomState> view(String roomId, Instant now) {
        List<Object> result = run(roomId, null, null, "view", now);
        return "view".equals(result.get(0)) ? Optional.of(room(result, 1)) : Optional.empty();
    }

    @Override
    public boolean revoke(String roomId, String jti) {
        return "revoked".equals(run(roomId, null, null, "revoke", Instant.now(), jti).get(0));
    }

    @Override
    public boolean use(String roomId, String jti, Instant now) {
        return "ok".equals(run(roomId, null, null, "use", now, jti).get(0));
    }

    private List<Object> run(String roomId, String userId, String sourceAddress, String op, Instant now,
                             String... args) {
        // Entry limits count per minute of the caller's clock, so the minute is part of their keys.
        long minute = now.toEpochMilli() / 60_000;
        String[] keys = {key(roomId, "meta"), key(roomId, "users"), key(roomId, "entries"), key(roomId, "queue"),
                key(roomId, "seen"), key(roomId, "admitted"), key(roomId, "pre"), key(roomId, "revoked"),
                key(roomId, "rl:u:" + minute + ":" + (userId == null ? "" : userId)),
                key(roomId, "rl:ip:" + minute + ":" + (sourceAddress == null ? "" : sourceAddress))};
        String[] argv = new String[3 + args.length];
        argv[0] = op;
        argv[1] = Long.toString(now.toEpochMilli());
        argv[2] = Integer.toString(ThreadLocalRandom.current().nextInt(1, 2_147_483_646));
        System.arraycopy(args, 0, argv, 3, args.length);
        return ROOM.run(redis.get(), ScriptOutputType.MULTI, keys, argv);
    }

    /** {@code {room:<id>}:<part>}: the hash tag keeps a room's keys in one slot. */
    static String key(String roomId, String part) {
        return "{room:" + roomId + "}:" + part;
    }

    private static Standing standing(List<Object> r) {
        return new Standing(entry(r), room(r, 8));
    }

    private static Entry entry(List<Object> r) {
        return new Entry(s(r, 1), s(r, 2), l(r, 3), state(s(r, 4)), Instant.ofEpochMilli(l(r, 5)), l(r, 6), l(r, 7));
    }

    private static RoomState room(List<Object> r, int at) {
        if (r.size() < at + ROOM_FIELDS) throw new IllegalStateException("short answer from room.lua");
        return new RoomState((int) l(r, at), l(r, at + 1), l(r, at + 2), Double.parseDouble(s(r, at + 3)),
                l(r, at + 4), Instant.ofEpochMilli(l(r, at + 5)), Instant.ofEpochMilli(l(r, at + 6)),
                Duration.ofMillis(l(r, at + 7)), Duration.ofMillis(l(r, at + 12)), l(r, at + 13), l(r, at + 8),
                l(r, at + 9), l(r, at + 10), l(r, at + 11));
    }

    private static Entry.State state(String code) {
        return switch (code) {
            case "W" -> Entry.State.WAITING;
            case "A" -> Entry.State.ADMITTED;
            case "U" -> Entry.State.USED;
            case "E" -> Entry.State.EXPIRED;
            default -> throw new IllegalStateException("unknown entry state " + code);
        };
    }

    private static String s(List<Object> r, int i) {
        return String.valueOf(r.get(i));
    }

    private static long l(List<Object> r, int i) {
        String v = s(r, i);
        // Lua keeps numbers as doubles, so large ones may come back as 1.795e+12
        return v.indexOf('.') >= 0 || v.indexOf('e') >= 0 ? (long) Double.parseDouble(v) : Long.parseLong(v);
    }
}
