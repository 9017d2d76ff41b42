package dev.rushgate.room.adapter;

import dev.rushgate.platform.GroupCommit;
import dev.rushgate.platform.LiveCounters;
import dev.rushgate.platform.LiveMetrics;
import dev.rushgate.platform.Randomness;
import dev.rushgate.platform.RedisScript;
import dev.rushgate.room.domain.Entering;
import dev.rushgate.room.domain.Entry;
import dev.rushgate.room.domain.RateAsk;
import dev.rushgate.room.domain.RateChange;
import dev.rushgate.room.domain.Room;
import dev.rushgate.room.domain.RoomState;
import dev.rushgate.room.domain.Standing;
import dev.rushgate.room.domain.WaitingLine;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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

    private final Supplier<RedisClusterAsyncCommands<String, String>> redis;
    private final GroupCommit<String, Poll, Optional<Standing>> polls =
            new GroupCommit<>(MAX_POLLS_PER_CALL, this::sendPolls);

    /** One owner's poll, waiting to go with others of its room. */
    record Poll(String userId, String entryId, Instant now) {}

    public RedisWaitingLine(Supplier<RedisClusterAsyncCommands<String, String>> redis) {
        this.redis = redis;
    }

    @Override
    public boolean define(Room room, Instant now) {
        String answer = await(run(room.roomId(), null, null, "define", now,
                Integer.toString(room.admitPerSecond()), Long.toString(room.admissionTtl().toMillis()),
                Long.toString(room.abandonAfter().toMillis()), Long.toString(room.opensAt().toEpochMilli()),
                Integer.toString(room.entriesPerUserPerMinute()), Integer.toString(room.entriesPerIpPerMinute())));
        LiveCounters.register(redis.get(), "room", room.roomId(), now);
        return answer.startsWith("created\n");
    }

    @Override
    public Entering enter(String roomId, String userId, String newEntryId, String sourceAddress, Instant now) {
        return enter(roomId, userId, newEntryId, sourceAddress, now, 0);
    }

    @Override
    public Entering enter(String roomId, String userId, String newEntryId, String sourceAddress, Instant now,
                          long refusedFromMemory) {
        String[] lines = await(run(roomId, userId, sourceAddress, "enter", now, userId, newEntryId,
                Long.toString(refusedFromMemory))).split("\n");
        String[] first = lines[0].split(",");
        if (!first[0].equals("unknown-room")) {
            LiveMetrics.count("room", roomId, Map.of("rate-limited", refusedFromMemory));
            LiveMetrics.count("room", roomId, first[0].equals("rate-limited") ? "rate-limited"
                    : lines[1].startsWith("existing,") ? "existing" : "entered");
        }
        return switch (first[0]) {
            case "unknown-room" -> new Entering.UnknownRoom();
            case "rate-limited" -> new Entering.RateLimited(Duration.ofMillis(Long.parseLong(first[1])),
                    first.length > 2 && first[2].equals("user"));
            case "room" -> {
                String[] entry = lines[1].split(",");
                RoomState room = room(first);
                Standing placed = new Standing(entry(entry, userId, room), room);
                yield new Entering.Placed(placed, "existing".equals(entry[0]));
            }
            default -> throw new IllegalStateException("unexpected answer " + lines[0]);
        };
    }

    @Override
    public Optional<Standing> poll(String roomId, String userId, String entryId, Instant now) {
        return polls.call(roomId, new Poll(userId, entryId, now));
    }

    /** {@link #sendPolls}, waited for: what tests compare with polls one at a time. */
    List<Optional<Standing>> pollTogether(String roomId, List<Poll> batch) {
        return await(sendPolls(roomId, batch));
    }

    /**
     * Polls of one room as one call of op {@code polls}, answered in their order. Polls of one batch that
     * saw the room in the same state share one {@link RoomState}.
     */
    CompletionStage<List<Optional<Standing>>> sendPolls(String roomId, List<Poll> batch) {
        String[] args = new String[batch.size() * 3];
        Instant latest = batch.get(0).now();
        for (int i = 0; i < batch.size(); i++) {
            Poll p = batch.get(i);
            args[3 * i] = p.userId();
            args[3 * i + 1] = p.entryId();
            args[3 * i + 2] = Long.toString(p.now().toEpochMilli());
            if (p.now().isAfter(latest)) latest = p.now();
        }
        return run(roomId, null, null, "polls", latest, args).thenApply(answer -> polled(answer, batch));
    }

    private static List<Optional<Standing>> polled(String answer, List<Poll> batch) {
        List<Optional<Standing>> answers = new ArrayList<>(batch.size());
        if ("unknown-room".equals(answer)) {
            for (int i = 0; i < batch.size(); i++) answers.add(Optional.empty());
            return answers;
        }
        RoomState room = null;
        for (String line : answer.split("\n")) {
            if (line.equals("unknown-entry")) {
                answers.add(Optional.empty());
                continue;
            }
            String[] fields = line.split(",");
            if (fields[0].equals("room")) room = room(fields);
            else answers.add(Optional.of(new Standing(entry(fields, batch.get(answers.size()).userId(), room), room)));
        }
        if (answers.size() != batch.size()) throw new IllegalStateException("room.lua answered " + answers.size()
                + " of " + batch.size() + " polls");
        return answers;
    }

    @Override
    public Optional<RoomState> view(String roomId, Instant now) {
        String answer = await(run(roomId, null, null, "view", now));
        return answer.startsWith("room,") ? Optional.of(room(answer.split(","))) : Optional.empty();
    }

    @Override
    public boolean revoke(String roomId, String jti) {
        return await(run(roomId, null, null, "revoke", Instant.now(), jti)).startsWith("revoked,");
    }

    @Override
    public Optional<String> revokeEntryOf(String roomId, String userId) {
        String answer = await(run(roomId, null, null, "revoke", Instant.now(), "", userId));
        return answer.startsWith("revoked,") ? Optional.of(answer.substring("revoked,".length())) : Optional.empty();
    }

    @Override
    public RateChange changeRate(String roomId, RateAsk ask, Instant now) {
        String arg = switch (ask) {
            case RateAsk.Pause p -> "pause";
            case RateAsk.Resume r -> "resume";
            case RateAsk.SetTo to -> Integer.toString(to.admitPerSecond());
        };
        String[] first = await(run(roomId, null, null, "rate", now, arg)).split("\n", 2)[0].split(",");
        return switch (first[0]) {
            case "rated" -> new RateChange.Changed(Integer.parseInt(first[1]), Integer.parseInt(first[2]));
            case "not-paused" -> new RateChange.NotPaused(Integer.parseInt(first[1]));
            case "no-rate" -> new RateChange.NothingToResume();
            case "unknown-room" -> new RateChange.UnknownRoom();
            default -> throw new IllegalStateException("unexpected answer " + first[0]);
        };
    }

    @Override
    public boolean use(String roomId, String jti, Instant now) {
        return "ok".equals(await(run(roomId, null, null, "use", now, jti)));
    }

    private CompletionStage<String> run(String roomId, String userId, String sourceAddress, String op, Instant now,
                                        String... args) {
        // Entry limits count per minute of the caller's clock, so the minute is part of their keys.
        long minute = now.toEpochMilli() / 60_000;
        String[] keys = {key(roomId, "meta"), key(roomId, "users"), key(roomId, "entries"), key(roomId, "queue"),
                key(roomId, "seen"), key(roomId, "admitted"), key(roomId, "pre"), key(roomId, "revoked"),
                key(roomId, "rl:u:" + minute + ":" + (userId == null ? "" : userId)),
                key(roomId, "rl:ip:" + minute + ":" + (sourceAddress == null ? "" : sourceAddress)),
                key(roomId, "holes"), LiveCounters.key(tag(roomId), now)};
        String[] argv = new String[3 + args.length];
        argv[0] = op;
        argv[1] = Long.toString(now.toEpochMilli());
        argv[2] = Integer.toString(Randomness.nextInt(1, 2_147_483_646));
        System.arraycopy(args, 0, argv, 3, args.length);
        return ROOM.runAsync(redis.get(), keys, argv);
    }

    /** The answer, waited for; a failure as it came from the client (a timeout, a connection error). */
    private static <V> V await(CompletionStage<V> answer) {
        try {
            return answer.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    /** {@code {room:<id>}:<part>}: the hash tag keeps a room's keys in one slot. */
    static String key(String roomId, String part) {
        return tag(roomId) + ":" + part;
    }

    /** The hash tag of every key of the room: one cluster slot. */
    public static String tag(String roomId) {
        return "{room:" + roomId + "}";
    }

    /**
     * An entry line: verdict, entryId, position, state, stateAt, aheadOfYou, preQueued. An empty aheadOfYou is
     * the positions between the room's servingUpTo and this one (room.lua leaves that count to us).
     */
    private static Entry entry(String[] f, String userId, RoomState room) {
        long position = Long.parseLong(f[2]);
        long ahead = f[5].isEmpty() ? position - room.servingUpTo() - 1 : Long.parseLong(f[5]);
        return new Entry(f[1], userId, position, state(f[3]), Instant.ofEpochMilli(Long.parseLong(f[4])), ahead,
                Long.parseLong(f[6]));
    }

    /** A room line: "room", then the fields in roomLine's order in room.lua. */
    private static RoomState room(String[] f) {
        if (f.length != 1 + ROOM_FIELDS) throw new IllegalStateException("short room line from room.lua");
        return new RoomState((int) l(f[1]), l(f[2]), l(f[3]), Double.parseDouble(f[4]), l(f[5]),
                Instant.ofEpochMilli(l(f[6])), Instant.ofEpochMilli(l(f[7])), Duration.ofMillis(l(f[8])),
                Duration.ofMillis(l(f[13])), l(f[14]), l(f[9]), l(f[10]), l(f[11]), l(f[12]));
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

    private static long l(String v) {
        // Lua keeps numbers as doubles, so large ones may come back as 1.795e+12
        return v.indexOf('.') >= 0 || v.indexOf('e') >= 0 ? (long) Double.parseDouble(v) : Long.parseLong(v);
    }
}
