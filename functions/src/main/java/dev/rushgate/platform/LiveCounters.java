package dev.rushgate.platform;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the hot path counts its answers, per event and per second: a Redis hash {@code <tag>:live:<epochSecond>}
 * (answer → count) in the event's own hash tag, so the deciding script counts in the same call that decides, and an
 * operator's live view reads a minute of them in one call. Each second's hash expires {@link #WINDOW_SECONDS} after
 * its last count; the scripts write that number themselves ({@code EXPIRE …, 3600}).
 */
public final class LiveCounters {
    private LiveCounters() {}

    /** How long a second's counts are kept. */
    public static final int WINDOW_SECONDS = 3600;

    /** The counts of the second of {@code now} for the event whose keys carry {@code hashTag} ({@code {drop:<id>}}). */
    public static String key(String hashTag, Instant now) {
        return key(hashTag, now.getEpochSecond());
    }

    public static String key(String hashTag, long epochSecond) {
        return hashTag + ":live:" + epochSecond;
    }

    /**
     * How long an event's refused users are kept after its last refusal: a week, so an event's owner statistics can
     * still copy them long after the rush (one member per refused user, small next to the seconds' hashes).
     */
    public static final int REFUSED_USERS_SECONDS = 7 * 24 * 3600;

    /**
     * The users the event's deciding calls refused, each scored by their refusals: a sorted set in the event's own
     * hash tag, raised in the same call that refuses (owner statistics' abuse candidates).
     */
    public static String refusedUsersKey(String hashTag) {
        return hashTag + ":refused-users";
    }

    /** The events an operator's live view lists: {@code kind/id} scored by when it was last defined (epoch ms). */
    public static final String EVENTS = "{live}:events";

    /**
     * Lists the event in the live view (from its definition, an admin's call, never the hot path). A separate key
     * of its own slot: the event's own calls never touch it.
     */
    public static void register(RedisClusterCommands<String, String> redis, String kind, String id, Instant now) {
        redis.zadd(EVENTS, (double) now.toEpochMilli(), kind + "/" + id);
    }

    /** As {@link #register(RedisClusterCommands, String, String, Instant)}, from a client that does not wait. */
    public static void register(RedisClusterAsyncCommands<String, String> redis, String kind, String id, Instant now) {
        redis.zadd(EVENTS, (double) now.toEpochMilli(), kind + "/" + id).toCompletableFuture().join();
    }

    /** Counts as the deciding scripts take them in one argument: {@code code=n,code=n} (empty for none). */
    public static String encode(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
