package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Profile;
import dev.rushgate.feed.domain.UpstreamCache;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.RedisScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The upstream cache in Valkey. Every key shares the hash tag {@code {upstream}}: a page of profiles and the breaker's
 * "open until" are one Lua call on one shard (the price: the profile cache is that shard's, which a hash per entry
 * keeps small; a profile read is a few hundred bytes).
 * <ul>
 *   <li>{@code {upstream}:user:<id>}, {@code {upstream}:categories}: hash {@code v} (JSON) and {@code soft} (epoch
 *       ms), the key's TTL the hard expiry;</li>
 *   <li>{@code {upstream}:refreshing:<entry>}: a refresh queued (expires by itself, so a lost one is asked again);</li>
 *   <li>{@code {upstream}:open-until}: epoch ms, with the same TTL.</li>
 * </ul>
 */
public final class RedisUpstreamCache implements UpstreamCache {
    private static final RedisScript READ = RedisScript.load("/lua/upstream-read.lua");
    private static final RedisScript STORE = RedisScript.load("/lua/upstream-store.lua");
    private static final String OPEN_UNTIL = "{upstream}:open-until";
    private static final String CATEGORIES = "categories";

    /** How long entries are served without a refresh, and kept at all; how long a queued refresh holds its mark. */
    public record Expiry(Duration soft, Duration hard, Duration refreshMark) {
        public static final Expiry DEFAULT = new Expiry(Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofMinutes(1));
    }

    private final Supplier<RedisClusterCommands<String, String>> redis;
    private final Expiry expiry;

    public RedisUpstreamCache(Supplier<RedisClusterCommands<String, String>> redis, Expiry expiry) {
        this.redis = redis;
        this.expiry = expiry;
    }

    @Override
    public Profiles profiles(Set<String> userIds, Instant now) {
        List<String> ids = new ArrayList<>(userIds);
        List<String> entries = ids.stream().map(id -> "user:" + id).toList();
        Read read = read(entries, now);
        Map<String, Profile> found = new HashMap<>();
        Set<String> refresh = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String value = read.values.get(i);
            if (!value.isEmpty()) found.put(ids.get(i), Json.read(value, Profile.class));
            if (read.refresh.get(i)) refresh.add(ids.get(i));
        }
        return new Profiles(found, refresh, read.openUntil);
    }

    @Override
    public Categories categories(Instant now) {
        Read read = read(List.of(CATEGORIES), now);
        String value = read.values.getFirst();
        return new Categories(value.isEmpty() ? Optional.empty() : Optional.of(List.of(Json.read(value, String[].class))),
                read.refresh.getFirst(), read.openUntil);
    }

    @Override
    public void store(Profile profile, Instant now) {
        store("user:" + profile.userId(), Json.write(profile), now);
    }

    @Override
    public void storeCategories(List<String> names, Instant now) {
        store(CATEGORIES, Json.write(names), now);
    }

    @Override
    public void open(Instant until, Instant now) {
        long ms = until.toEpochMilli() - now.toEpochMilli();
        if (ms <= 0) return;
        redis.get().set(OPEN_UNTIL, Long.toString(until.toEpochMilli()), SetArgs.Builder.px(ms));
    }

    @Override
    public Optional<Instant> openUntil(Instant now) {
        String value = redis.get().get(OPEN_UNTIL);
        if (value == null) return Optional.empty();
        Instant until = Instant.ofEpochMilli(Long.parseLong(value));
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    private record Read(Optional<Instant> openUntil, List<String> values, List<Boolean> refresh) {}

    private Read read(List<String> entries, Instant now) {
        String[] keys = new String[1 + 2 * entries.size()];
        keys[0] = OPEN_UNTIL;
        for (int i = 0; i < entries.size(); i++) {
            keys[1 + 2 * i] = key(entries.get(i));
            keys[2 + 2 * i] = mark(entries.get(i));
        }
        List<Object> out = READ.run(redis.get(), ScriptOutputType.MULTI, keys,
                Long.toString(now.toEpochMilli()), Long.toString(expiry.refreshMark().toMillis()));
        long open = Long.parseLong(text(out.get(0)));
        List<String> values = new ArrayList<>(entries.size());
        List<Boolean> refresh = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            values.add(text(out.get(1 + 2 * i)));
            refresh.add("1".equals(text(out.get(2 + 2 * i))));
        }
        return new Read(open == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(open)), values, refresh);
    }

    private void store(String entry, String json, Instant now) {
        STORE.run(redis.get(), ScriptOutputType.INTEGER, new String[] {key(entry), mark(entry)}, json,
                Long.toString(now.plus(expiry.soft()).toEpochMilli()), Long.toString(expiry.hard().toMillis()));
    }

    private static String key(String entry) {
        return "{upstream}:" + entry;
    }

    private static String mark(String entry) {
        return "{upstream}:refreshing:" + entry;
    }

    private static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(reply);
    }
}
