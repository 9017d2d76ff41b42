package dev.rushgate.ops.adapter;

import dev.rushgate.ops.domain.LiveView;
import dev.rushgate.platform.LiveCounters;
import dev.rushgate.platform.RedisScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The live counters the deciding scripts keep, read a span of seconds in one call ({@code live-read.lua}). */
public final class RedisLiveCounters implements LiveView.Counters {
    private static final RedisScript READ = RedisScript.load("/lua/live-read.lua");

    private final Supplier<RedisClusterCommands<String, String>> redis;

    public RedisLiveCounters(Supplier<RedisClusterCommands<String, String>> redis) {
        this.redis = redis;
    }

    @Override
    public Map<Long, Map<String, Long>> seconds(String kind, String id, long from, long to) {
        String tag = "{" + kind + ":" + id + "}";
        String[] keys = new String[(int) (to - from + 1)];
        for (int i = 0; i < keys.length; i++) keys[i] = LiveCounters.key(tag, from + i);
        List<Object> answer = READ.run(redis.get(), ScriptOutputType.MULTI, keys);
        Map<Long, Map<String, Long>> seconds = new TreeMap<>();
        for (int i = 0; i < answer.size(); i++) {
            @SuppressWarnings("unchecked")
            List<Object> flat = (List<Object>) answer.get(i);
            if (flat.isEmpty()) continue;
            Map<String, Long> counts = new TreeMap<>();
            for (int f = 0; f + 1 < flat.size(); f += 2) {
                counts.put(flat.get(f).toString(), Long.parseLong(flat.get(f + 1).toString()));
            }
            seconds.put(from + i, counts);
        }
        return seconds;
    }

    @Override
    public List<LiveView.Listed> events(int max) {
        List<LiveView.Listed> events = new ArrayList<>();
        for (ScoredValue<String> member : redis.get().zrevrangeWithScores(LiveCounters.EVENTS, 0, max - 1)) {
            String[] kindAndId = member.getValue().split("/", 2);
            events.add(new LiveView.Listed(kindAndId[0], kindAndId[1], (long) member.getScore()));
        }
        return events;
    }

    @Override
    public int window() {
        return LiveCounters.WINDOW_SECONDS;
    }
}
