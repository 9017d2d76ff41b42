package dev.rushgate.platform;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The Redis side of rebuilding an event the cache lost, shared by drops and polls: one caller at a time checks the
 * way to storage, and the cache remembers since when it has been seen empty. Both keys carry the event's hash tag.
 */
public final class RedisRebuildGate {
    private static final RedisScript QUIET = RedisScript.load("/lua/cache-recovery.lua");

    private RedisRebuildGate() {}

    /** Takes the rebuild for {@code hold} ({@code lockKey}); false when another caller holds it. */
    public static boolean take(RedisClusterCommands<String, String> redis, String lockKey, Duration hold) {
        return "OK".equals(redis.set(lockKey, "1", SetArgs.Builder.nx().px(hold.toMillis())));
    }

    /**
     * Records whether the way to storage was just seen {@code drained}, and says whether it has been seen so since
     * {@code settle} before {@code now}; {@code known} when {@code metaKey} exists again.
     */
    public static RebuildCheck check(RedisClusterCommands<String, String> redis, String metaKey, String quietKey,
                                     boolean drained, Instant now, Duration settle) {
        String verdict = QUIET.run(redis, ScriptOutputType.VALUE, new String[] {metaKey, quietKey},
                Long.toString(now.toEpochMilli()), drained ? "1" : "0", Long.toString(settle.toMillis()));
        return RebuildCheck.valueOf(verdict.toUpperCase(Locale.ROOT));
    }
}
