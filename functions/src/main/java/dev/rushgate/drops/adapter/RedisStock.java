package dev.rushgate.drops.adapter;

import dev.rushgate.drops.domain.ClaimDecision;
import dev.rushgate.drops.domain.Drop;
import dev.rushgate.drops.domain.RefusalState;
import dev.rushgate.drops.domain.Stock;
import dev.rushgate.drops.domain.StockLevel;
import dev.rushgate.drops.domain.StockRecovery;
import dev.rushgate.drops.domain.StoredClaim;
import dev.rushgate.model.ClaimAccepted;
import dev.rushgate.platform.LiveCounters;
import dev.rushgate.platform.LiveMetrics;
import dev.rushgate.platform.RebuildCheck;
import dev.rushgate.platform.RedisRebuildGate;
import dev.rushgate.platform.RedisScript;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The stock in Redis. Every key of a drop carries the hash tag {@code {drop:<id>}}, so one Lua call can
 * touch them all on a cluster (ElastiCache Serverless).
 */
public final class RedisStock implements Stock, StockRecovery {

    private static final RedisScript CLAIM = RedisScript.load("/lua/drop-claim.lua");
    private static final RedisScript DEFINE = RedisScript.load("/lua/drop-define.lua");
    private static final RedisScript RESTORE = RedisScript.load("/lua/drop-restore.lua");

    private final Supplier<RedisClusterCommands<String, String>> redis;

    public RedisStock(Supplier<RedisClusterCommands<String, String>> redis) {
        this.redis = redis;
    }

    @Override
    public void define(Drop drop) {
        define(drop, true);
    }

    @Override
    public boolean amend(Drop drop) {
        return define(drop, false);
    }

    private boolean define(Drop drop, boolean create) {
        List<String> args = new ArrayList<>(terms(drop));
        args.add(create ? "1" : "0");
        Long set = DEFINE.run(redis.get(), ScriptOutputType.INTEGER, new String[] {key(drop.dropId(), "meta")},
                args.toArray(String[]::new));
        if (set == null || set != 1L) return false;
        LiveCounters.register(redis.get(), "drop", drop.dropId(), Instant.now());
        return true;
    }

    private static List<String> terms(Drop drop) {
        return List.of(Integer.toString(drop.stock()), Integer.toString(drop.perUserLimit()),
                Long.toString(drop.opensAt().toEpochMilli()),
                Long.toString(drop.closesAt() == null ? 0 : drop.closesAt().toEpochMilli()),
                drop.roomId() == null ? "" : drop.roomId());
    }

    @Override
    public boolean takeRebuild(String dropId, Duration hold) {
        return RedisRebuildGate.take(redis.get(), key(dropId, "rebuild"), hold);
    }

    @Override
    public RebuildCheck quiet(String dropId, boolean drained, Instant now, Duration settle) {
        return RedisRebuildGate.check(redis.get(), key(dropId, "meta"), key(dropId, "quiet"), drained, now, settle);
    }

    @Override
    public void restore(Drop drop, List<StoredClaim> stored) {
        String id = drop.dropId();
        List<String> args = new ArrayList<>(5 + 4 * stored.size());
        args.addAll(terms(drop));
        for (StoredClaim c : stored) {
            args.add(c.claimId());
            args.add(c.userId());
            args.add(Long.toString(c.acceptedAt().toEpochMilli()));
            args.add(c.idempotencyKey() == null ? "" : c.idempotencyKey());
        }
        RESTORE.run(redis.get(), ScriptOutputType.INTEGER, new String[] {key(id, "meta"), key(id, "users"),
                key(id, "claims"), key(id, "idem"), key(id, "outbox"), key(id, "quiet")}, args.toArray(String[]::new));
    }

    @Override
    public ClaimDecision claim(String dropId, String userId, String claimId, Instant now, String idempotencyKey,
                               String admittedRoom) {
        return claim(dropId, userId, claimId, now, idempotencyKey, admittedRoom, Map.of());
    }

    @Override
    public ClaimDecision claim(String dropId, String userId, String claimId, Instant now, String idempotencyKey,
                               String admittedRoom, Map<String, Long> refusedFromMemory) {
        List<Object> result = CLAIM.run(redis.get(), ScriptOutputType.MULTI,
                new String[] {key(dropId, "meta"), key(dropId, "users"), key(dropId, "claims"), key(dropId, "idem"),
                        key(dropId, "outbox"), LiveCounters.key(tag(dropId), now),
                        LiveCounters.refusedUsersKey(tag(dropId))},
                userId, claimId, Long.toString(now.toEpochMilli()), idempotencyKey == null ? "" : idempotencyKey,
                admittedRoom == null ? "" : admittedRoom, LiveCounters.encode(refusedFromMemory));
        String verdict = (String) result.get(0);
        if (!verdict.equals("unknown")) {
            LiveMetrics.count("drop", dropId, refusedFromMemory);
            LiveMetrics.count("drop", dropId, verdict.equals("refused") ? (String) result.get(1) : verdict);
        }
        return switch (verdict) {
            case "accepted" -> new ClaimDecision.Accepted((String) result.get(1), false);
            case "replay" -> new ClaimDecision.Accepted((String) result.get(1), true);
            case "refused" -> new ClaimDecision.Refused((String) result.get(1));
            case "unknown" -> new ClaimDecision.UnknownDrop();
            default -> throw new IllegalStateException("unexpected verdict " + verdict);
        };
    }

    /**
     * What a refusal from memory needs: the drop's terms and counts, and its holders (two reads of the drop's one
     * slot, made once per environment per memory bound, not per claim). Empty when the cache does not know the drop.
     */
    public Optional<RefusalState> refusalState(String dropId) {
        var commands = redis.get();
        var m = commands.hmget(key(dropId, "meta"), "stock", "accepted", "opensAt", "closesAt", "roomId");
        if (!m.get(0).hasValue()) return Optional.empty();
        java.util.function.IntFunction<String> v = i -> m.get(i).hasValue() ? m.get(i).getValue() : "";
        Set<String> holders = Set.copyOf(commands.hkeys(key(dropId, "users")));
        return Optional.of(new RefusalState(Integer.parseInt(v.apply(0)),
                v.apply(1).isEmpty() ? 0 : Integer.parseInt(v.apply(1)), Long.parseLong(v.apply(2)),
                v.apply(3).isEmpty() ? 0 : Long.parseLong(v.apply(3)), v.apply(4), holders));
    }

    @Override
    public Optional<StockLevel> level(String dropId) {
        var values = redis.get().hmget(key(dropId, "meta"), "stock", "accepted");
        if (!values.get(0).hasValue()) return Optional.empty();
        int stock = Integer.parseInt(values.get(0).getValue());
        int accepted = values.get(1).hasValue() ? Integer.parseInt(values.get(1).getValue()) : 0;
        return Optional.of(new StockLevel(stock, accepted));
    }

    @Override
    public Optional<ClaimAccepted> accepted(String dropId, String claimId) {
        return Optional.ofNullable(redis.get().hget(key(dropId, "claims"), claimId))
                .map(value -> decode(dropId, claimId, value));
    }

    @Override
    public void settled(String dropId, String claimId) {
        redis.get().zrem(key(dropId, "outbox"), claimId);
    }

    @Override
    public List<ClaimAccepted> unsent(String dropId, Instant acceptedBefore, int max) {
        var commands = redis.get();
        List<String> ids = commands.zrangebyscore(key(dropId, "outbox"),
                Range.create(0d, (double) acceptedBefore.toEpochMilli()),
                io.lettuce.core.Limit.create(0, max));
        if (ids.isEmpty()) return List.of();
        var values = commands.hmget(key(dropId, "claims"), ids.toArray(String[]::new));
        List<ClaimAccepted> out = new ArrayList<>(ids.size());
        for (var kv : values) {
            if (kv.hasValue()) out.add(decode(dropId, kv.getKey(), kv.getValue()));
            else commands.zrem(key(dropId, "outbox"), kv.getKey()); // nothing left to send for it
        }
        return out;
    }

    /** {@code {drop:<id>}:<part>}: the hash tag keeps a drop's keys in one slot. */
    static String key(String dropId, String part) {
        return tag(dropId) + ":" + part;
    }

    /** The hash tag of every key of the drop: one cluster slot. */
    public static String tag(String dropId) {
        return "{drop:" + dropId + "}";
    }

    private static ClaimAccepted decode(String dropId, String claimId, String value) {
        int bar = value.lastIndexOf('|');
        return new ClaimAccepted(dropId, claimId, value.substring(0, bar), Long.parseLong(value.substring(bar + 1)));
    }
}
