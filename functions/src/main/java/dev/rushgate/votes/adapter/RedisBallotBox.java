package dev.rushgate.votes.adapter;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.LiveCounters;
import dev.rushgate.platform.LiveMetrics;
import dev.rushgate.platform.RebuildCheck;
import dev.rushgate.platform.RedisRebuildGate;
import dev.rushgate.platform.RedisScript;
import dev.rushgate.votes.domain.BallotBox;
import dev.rushgate.votes.domain.BallotRecovery;
import dev.rushgate.votes.domain.ClosedPoll;
import dev.rushgate.votes.domain.Poll;
import dev.rushgate.votes.domain.VoteDecision;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ballot box in Redis. Every key of a poll carries the hash tag {@code {poll:<id>}}, so one Lua call can
 * touch them all on a cluster (ElastiCache Serverless). An outbox entry is the whole vote
 * ({@code voteId|userId|optionId|acceptedAt}), so settling it is one ZREM.
 */
public final class RedisBallotBox implements BallotBox, BallotRecovery {

    private static final RedisScript CAST = RedisScript.load("/lua/vote-cast.lua");
    private static final RedisScript DEFINE = RedisScript.load("/lua/vote-define.lua");
    private static final RedisScript RESTORE = RedisScript.load("/lua/vote-restore.lua");
    /** Voters per restore step: a few hundred kilobytes of arguments, a short pause of Redis each. */
    private static final int RESTORE_STEP = 1_000;
    /** Every poll the cache knows, scored by its close (epoch ms). */
    static final String RECENT = "{polls}:by-close";

    private final Supplier<RedisClusterCommands<String, String>> redis;

    public RedisBallotBox(Supplier<RedisClusterCommands<String, String>> redis) {
        this.redis = redis;
    }

    @Override
    public void define(Poll poll) {
        define(poll, false);
    }

    @Override
    public boolean amend(Poll poll) {
        return define(poll, true);
    }

    private boolean define(Poll poll, boolean onlyKnown) {
        List<String> args = new ArrayList<>();
        args.add(onlyKnown ? "1" : "0");
        args.addAll(terms(poll));
        args.addAll(poll.optionIds());
        Long set = DEFINE.run(redis.get(), ScriptOutputType.INTEGER,
                new String[] {key(poll.pollId(), "meta"), key(poll.pollId(), "tally")}, args.toArray(String[]::new));
        if (set == null || set != 1L) return false;
        indexByClose(poll);
        LiveCounters.register(redis.get(), "poll", poll.pollId(), Instant.now());
        return true;
    }

    /** A slot of its own: one index of polls by close, for the outbox sweep. */
    private void indexByClose(Poll poll) {
        redis.get().zadd(RECENT, (double) poll.closesAt().toEpochMilli(), poll.pollId());
    }

    private static List<String> terms(Poll poll) {
        return List.of(Long.toString(poll.opensAt().toEpochMilli()), Long.toString(poll.closesAt().toEpochMilli()),
                poll.roomId() == null ? "" : poll.roomId());
    }

    @Override
    public boolean takeRebuild(String pollId, Duration hold) {
        return RedisRebuildGate.take(redis.get(), key(pollId, "rebuild"), hold);
    }

    @Override
    public RebuildCheck quiet(String pollId, boolean drained, Instant now, Duration settle) {
        return RedisRebuildGate.check(redis.get(), key(pollId, "meta"), key(pollId, "quiet"), drained, now, settle);
    }

    @Override
    public void restore(Poll poll, Collection<VoteAccepted> voters) {
        String id = poll.pollId();
        String[] keys = {key(id, "meta"), key(id, "tally"), key(id, "voters"), key(id, "quiet")};
        Map<String, Long> tally = new LinkedHashMap<>();
        poll.optionIds().forEach(option -> tally.put(option, 0L));
        List<String> step = new ArrayList<>();
        for (VoteAccepted vote : voters) {
            tally.merge(vote.optionId(), 1L, Long::sum);
            if (step.isEmpty()) step.add("voters");
            step.add(vote.userId());
            step.add(vote.voteId());
            step.add(vote.idempotencyKey() == null ? "" : vote.idempotencyKey());
            if (step.size() > 3 * RESTORE_STEP) {
                if (!restoreStep(keys, step)) return; // someone else finished the rebuild
                step.clear();
            }
        }
        if (!step.isEmpty() && !restoreStep(keys, step)) return;
        List<String> finish = new ArrayList<>();
        finish.add("finish");
        finish.addAll(terms(poll));
        tally.forEach((option, votes) -> {
            finish.add(option);
            finish.add(Long.toString(votes));
        });
        if (restoreStep(keys, finish)) indexByClose(poll);
    }

    private boolean restoreStep(String[] keys, List<String> args) {
        Long wrote = RESTORE.run(redis.get(), ScriptOutputType.INTEGER, keys, args.toArray(String[]::new));
        return wrote != null && wrote == 1L;
    }

    @Override
    public List<String> recentPolls(Instant closingSince) {
        var commands = redis.get();
        commands.zremrangebyscore(RECENT, Range.create(Double.NEGATIVE_INFINITY,
                (double) closingSince.toEpochMilli() - 1));
        return commands.zrange(RECENT, 0, -1);
    }

    @Override
    public VoteDecision cast(String pollId, String userId, String voteId, String optionId, Instant now,
                             String admittedRoom, String idempotencyKey) {
        return cast(pollId, userId, voteId, optionId, now, admittedRoom, idempotencyKey, Map.of());
    }

    @Override
    public VoteDecision cast(String pollId, String userId, String voteId, String optionId, Instant now,
                             String admittedRoom, String idempotencyKey, Map<String, Long> refusedFromMemory) {
        List<Object> result = CAST.run(redis.get(), ScriptOutputType.MULTI,
                new String[] {key(pollId, "meta"), key(pollId, "tally"), key(pollId, "voters"), key(pollId, "outbox"),
                        LiveCounters.key(tag(pollId), now), LiveCounters.refusedUsersKey(tag(pollId))},
                userId, voteId, optionId, Long.toString(now.toEpochMilli()), admittedRoom == null ? "" : admittedRoom,
                idempotencyKey == null ? "" : idempotencyKey, LiveCounters.encode(refusedFromMemory));
        String verdict = (String) result.get(0);
        if (!verdict.equals("unknown")) {
            LiveMetrics.count("poll", pollId, refusedFromMemory);
            LiveMetrics.count("poll", pollId, verdict.equals("refused") ? (String) result.get(1) : verdict);
        }
        return switch (verdict) {
            case "accepted" -> new VoteDecision.Accepted((String) result.get(1), false);
            case "replay" -> new VoteDecision.Accepted((String) result.get(1), true);
            case "refused" -> new VoteDecision.Refused((String) result.get(1));
            case "unknown" -> new VoteDecision.UnknownPoll();
            default -> throw new IllegalStateException("unexpected verdict " + verdict);
        };
    }

    /**
     * What a refusal of a closed poll from memory needs: its close, its room and its options (two reads of the poll's
     * one slot, made once per environment per memory bound). Empty when the cache does not know the poll.
     */
    public Optional<ClosedPoll> closedPoll(String pollId) {
        var commands = redis.get();
        var m = commands.hmget(key(pollId, "meta"), "closesAt", "roomId");
        if (!m.get(0).hasValue()) return Optional.empty();
        String room = m.get(1).hasValue() ? m.get(1).getValue() : "";
        return Optional.of(new ClosedPoll(Long.parseLong(m.get(0).getValue()), room,
                java.util.Set.copyOf(commands.hkeys(key(pollId, "tally")))));
    }

    @Override
    public Optional<Map<String, Long>> accepted(String pollId) {
        Map<String, String> tally = redis.get().hgetall(key(pollId, "tally"));
        if (tally.isEmpty()) return Optional.empty();
        Map<String, Long> out = new LinkedHashMap<>();
        tally.forEach((option, votes) -> out.put(option, Long.parseLong(votes)));
        return Optional.of(out);
    }

    @Override
    public void settled(VoteAccepted vote) {
        redis.get().zrem(key(vote.pollId(), "outbox"), encode(vote));
    }

    @Override
    public void settledAll(List<VoteAccepted> votes) {
        Map<String, List<String>> byPoll = new LinkedHashMap<>();
        votes.forEach(v -> byPoll.computeIfAbsent(v.pollId(), p -> new ArrayList<>()).add(encode(v)));
        var commands = redis.get();
        byPoll.forEach((pollId, members) -> commands.zrem(key(pollId, "outbox"), members.toArray(String[]::new)));
    }

    @Override
    public List<VoteAccepted> unsent(String pollId, Instant acceptedBefore, int max) {
        var commands = redis.get();
        List<String> members = commands.zrangebyscore(key(pollId, "outbox"),
                Range.create(0d, (double) acceptedBefore.toEpochMilli()), Limit.create(0, max));
        if (members.isEmpty()) return List.of();
        List<VoteAccepted> votes = members.stream().map(m -> decode(pollId, m)).toList();
        // the outbox member is what settling removes, so it holds no key: the voter's entry does
        var marks = commands.hmget(key(pollId, "voters"), votes.stream().map(VoteAccepted::userId).toArray(String[]::new));
        List<VoteAccepted> out = new ArrayList<>(votes.size());
        for (int i = 0; i < votes.size(); i++) {
            VoteAccepted v = votes.get(i);
            String mark = marks.get(i).hasValue() ? marks.get(i).getValue() : "";
            String idem = mark.startsWith(v.voteId() + "|") ? mark.substring(v.voteId().length() + 1) : null;
            out.add(new VoteAccepted(pollId, v.voteId(), v.userId(), v.optionId(), v.acceptedAt(), idem));
        }
        return out;
    }

    /** {@code {poll:<id>}:<part>}: the hash tag keeps a poll's keys in one slot. */
    static String key(String pollId, String part) {
        return tag(pollId) + ":" + part;
    }

    /** The hash tag of every key of the poll: one cluster slot. */
    public static String tag(String pollId) {
        return "{poll:" + pollId + "}";
    }

    /** The outbox member vote-cast.lua writes. */
    static String encode(VoteAccepted vote) {
        return vote.voteId() + "|" + vote.userId() + "|" + vote.optionId() + "|" + vote.acceptedAt();
    }

    private static VoteAccepted decode(String pollId, String member) {
        // user ids may hold '|': the vote id and option id cannot, so split from both ends
        int first = member.indexOf('|');
        int last = member.lastIndexOf('|');
        int optionBar = member.lastIndexOf('|', last - 1);
        return new VoteAccepted(pollId, member.substring(0, first), member.substring(first + 1, optionBar),
                member.substring(optionBar + 1, last), Long.parseLong(member.substring(last + 1)));
    }
}
