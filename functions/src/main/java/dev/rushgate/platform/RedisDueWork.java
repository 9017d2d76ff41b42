package dev.rushgate.platform;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link DueWork} in Redis: a sorted set of marks scored by when they fall due, and a key that says the marks are
 * trusted, which a full sweep sets for {@link #TRUSTED_FOR}. Both carry the hash tag {@code {due:<book>}}. Each call
 * is one or two commands; nothing here touches the database.
 */
public final class RedisDueWork implements DueWork {
    /**
     * How long a full sweep vouches for the marks. Writers mark before they write, so nothing should be missed; this
     * bounds what could be (marks evicted without the key that trusts them) at the price of one full sweep a day.
     */
    static final Duration TRUSTED_FOR = Duration.ofHours(24);
    /** The member that holds what the database said falls due next. */
    private static final String NEXT = "next";

    private final Supplier<RedisClusterCommands<String, String>> redis;
    private final String marks;
    private final String trusted;

    /** @param book whose work: one set per sweep ({@code tickets}, {@code alerts}) */
    public RedisDueWork(Supplier<RedisClusterCommands<String, String>> redis, String book) {
        this.redis = redis;
        this.marks = "{due:" + book + "}:marks";
        this.trusted = "{due:" + book + "}:trusted";
    }

    /**
     * Only ever moves a mark earlier (ZADD LT): one id marked again and again (a run of payment steps marking
     * "notices") must not keep pushing its time ahead of a change it already announced.
     */
    @Override
    public void due(String id, Instant at) {
        redis.get().zadd(marks, ZAddArgs.Builder.lt(), (double) at.toEpochMilli(), id);
    }

    @Override
    public Check check(Instant now) {
        var commands = redis.get();
        if (commands.exists(trusted) == 0) return Check.UNKNOWN;
        var first = commands.zrangebyscore(marks, Range.create(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                Limit.create(0, 1));
        return first.isEmpty() ? Check.NOTHING_DUE : Check.DUE;
    }

    @Override
    public void swept(Instant began, boolean complete, Optional<Instant> next, boolean full) {
        var commands = redis.get();
        if (complete) commands.zremrangebyscore(marks, Range.create(Double.NEGATIVE_INFINITY, (double) began.toEpochMilli()));
        next.ifPresent(at -> commands.zadd(marks, (double) at.toEpochMilli(), NEXT));
        if (full && complete) commands.setex(trusted, TRUSTED_FOR.toSeconds(), "1");
    }
}
