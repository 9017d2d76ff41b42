package dev.rushgate.room.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Refusals over a room's per-user entry limit from memory. Once the line has refused a user's entry because they
 * entered too often this minute, this execution environment refuses that user's next entries itself until the minute
 * ends or {@code bound} passes, whichever is first, so a client hammering the entry route costs the cache a call per
 * environment per {@code bound}, not a call per request.
 *
 * <p>Correctness is the line's: the first refusal always comes from it; over the limit, {@code room.lua} refuses the
 * user for the rest of the minute whatever else happens (their count only grows), so the remembered answer, with the
 * same Retry-After, is the one it would give; and after {@code bound} the line is asked again, so a room whose limit
 * another environment raised is seen within it. The refusals answered here still count: the room's {@code refusedUser}
 * gets them with this environment's next entry call for the room.
 */
public final class RememberedLimits implements WaitingLine {
    /** Users remembered at most, per environment: beyond, refusals go to the line. */
    public static final int MOST_REMEMBERED = 100_000;

    private record Memory(long minuteEndsAt, long until) {}

    private final WaitingLine line;
    private final long boundNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Memory> memory = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> uncounted = new ConcurrentHashMap<>();

    /** @param bound how long a user over the limit is remembered (zero: never) */
    public RememberedLimits(WaitingLine line, Duration bound, LongSupplier nanoTime) {
        this.line = line;
        this.boundNanos = bound.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Entering enter(String roomId, String userId, String newEntryId, String sourceAddress, Instant now) {
        String key = roomId + "\n" + userId;
        Memory remembered = memory.get(key);
        if (remembered != null) {
            long left = remembered.minuteEndsAt() - now.toEpochMilli();
            if (nanoTime.getAsLong() - remembered.until() >= 0 || left <= 0) {
                memory.remove(key, remembered);
            } else {
                uncounted.computeIfAbsent(roomId, r -> new AtomicLong()).incrementAndGet();
                return new Entering.RateLimited(Duration.ofMillis(left), true);
            }
        }
        AtomicLong pending = uncounted.get(roomId);
        long counted = pending == null ? 0 : pending.getAndSet(0);
        Entering entering;
        try {
            entering = line.enter(roomId, userId, newEntryId, sourceAddress, now, counted);
        } catch (RuntimeException e) {
            if (counted > 0) uncounted.computeIfAbsent(roomId, r -> new AtomicLong()).addAndGet(counted);
            throw e;
        }
        if (boundNanos > 0 && entering instanceof Entering.RateLimited limited && limited.perUser()
                && memory.size() < MOST_REMEMBERED) {
            memory.put(key, new Memory(now.toEpochMilli() + limited.retryAfter().toMillis(),
                    nanoTime.getAsLong() + boundNanos));
        }
        return entering;
    }

    @Override
    public boolean define(Room room, Instant now) {
        memory.keySet().removeIf(k -> k.startsWith(room.roomId() + "\n"));
        return line.define(room, now);
    }

    @Override
    public Optional<Standing> poll(String roomId, String userId, String entryId, Instant now) {
        return line.poll(roomId, userId, entryId, now);
    }

    @Override
    public Optional<RoomState> view(String roomId, Instant now) {
        return line.view(roomId, now);
    }

    @Override
    public boolean revoke(String roomId, String jti) {
        return line.revoke(roomId, jti);
    }

    @Override
    public Optional<String> revokeEntryOf(String roomId, String userId) {
        return line.revokeEntryOf(roomId, userId);
    }

    @Override
    public RateChange changeRate(String roomId, RateAsk ask, Instant now) {
        return line.changeRate(roomId, ask, now);
    }

    @Override
    public boolean use(String roomId, String jti, Instant now) {
        return line.use(roomId, jti, now);
    }
}
