package dev.rushgate.stats.adapter;

import dev.rushgate.platform.LiveCounters;
import dev.rushgate.platform.RedisScript;
import dev.rushgate.stats.domain.LiveTallies;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The live counters ({@link LiveCounters}) as the roll-up reads them: a few minutes' seconds in one call. */
public final class RedisLiveTallies implements LiveTallies {
    private static final RedisScript READ = RedisScript.load("/lua/live-read.lua");

    private final Supplier<RedisClusterCommands<String, String>> redis;

    public RedisLiveTallies(Supplier<RedisClusterCommands<String, String>> redis) {
        this.redis = redis;
    }

    @Override
    public List<Listed> events(int max) {
        List<Listed> events = new ArrayList<>();
        for (ScoredValue<String> member : redis.get().zrevrangeWithScores(LiveCounters.EVENTS, 0, max - 1)) {
            String[] kindAndId = member.getValue().split("/", 2);
            if (kindAndId.length == 2) events.add(new Listed(kindAndId[0], kindAndId[1], (long) member.getScore()));
        }
        return events;
    }

    /** Minutes a call reads at most: 300 keys, so no one call holds Redis for long. */
    static final int MINUTES_PER_CALL = 5;

    @Override
    public Map<Long, Map<String, Long>> minutes(String kind, String id, long fromMinute, long toMinute) {
        String tag = tag(kind, id);
        Map<Long, Map<String, Long>> minutes = new TreeMap<>();
        for (long first = fromMinute; first <= toMinute; first += MINUTES_PER_CALL * 60L) {
            String[] keys = secondKeys(tag, first, toMinute);
            List<Object> seconds = READ.run(redis.get(), ScriptOutputType.MULTI, keys);
            for (int i = 0; i < seconds.size(); i++) {
                @SuppressWarnings("unchecked")
                List<Object> flat = (List<Object>) seconds.get(i);
                if (flat.isEmpty()) continue;
                Map<String, Long> counts = minutes.computeIfAbsent(first + i / 60 * 60L, m -> new TreeMap<>());
                for (int f = 0; f + 1 < flat.size(); f += 2) {
                    counts.merge(flat.get(f).toString(), Long.parseLong(flat.get(f + 1).toString()), Long::sum);
                }
            }
        }
        return minutes;
    }

    @Override
    public boolean anyIn(String kind, String id, long fromMinute, long toMinute) {
        String tag = tag(kind, id);
        for (long first = fromMinute; first <= toMinute; first += MINUTES_PER_CALL * 60L) {
            String[] keys = secondKeys(tag, first, toMinute);
            // one slot (the event's hash tag), so one EXISTS of them all
            if (redis.get().exists(keys) > 0) return true;
        }
        return false;
    }

    @Override
    public Map<String, Long> refusedUsers(String kind, String id, int max) {
        Map<String, Long> users = new LinkedHashMap<>();
        for (ScoredValue<String> member : redis.get().zrevrangeWithScores(
                LiveCounters.refusedUsersKey(tag(kind, id)), 0, max - 1)) {
            users.put(member.getValue(), (long) member.getScore());
        }
        return users;
    }

    @Override
    public int window() {
        return LiveCounters.WINDOW_SECONDS;
    }

    /** The keys of the seconds from {@code first} on: at most {@link #MINUTES_PER_CALL} minutes, up to {@code toMinute}'s. */
    private static String[] secondKeys(String tag, long first, long toMinute) {
        int count = (int) Math.min(MINUTES_PER_CALL, (toMinute - first) / 60 + 1);
        String[] keys = new String[count * 60];
        for (int i = 0; i < keys.length; i++) keys[i] = LiveCounters.key(tag, first + i);
        return keys;
    }

    private static String tag(String kind, String id) {
        return "{" + kind + ":" + id + "}";
    }
}
