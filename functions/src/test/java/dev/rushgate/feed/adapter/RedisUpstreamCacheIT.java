package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Profile;
import dev.rushgate.testing.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The upstream cache's soft and hard expiry, its one-refresh-at-a-time marks and the shared "open", on a real Redis. */
class RedisUpstreamCacheIT {

    private static final Instant NOW = Instant.now();
    private static EmbeddedRedis redis;
    private RedisUpstreamCache cache;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    @BeforeEach
    void fresh() {
        redis.sync().flushall();
        cache = new RedisUpstreamCache(redis::sync, RedisUpstreamCache.Expiry.DEFAULT);
    }

    @Test
    void aMissingProfileIsRefreshedByOneReaderOfACrowd_thenServedFresh_thenStaleWithOneMoreRefresh() {
        var first = cache.profiles(Set.of("u-1", "u-2"), NOW);
        assertThat(first.found()).isEmpty();
        assertThat(first.refresh()).containsExactlyInAnyOrder("u-1", "u-2");
        assertThat(cache.profiles(Set.of("u-1"), NOW).refresh()).as("a refresh is queued already").isEmpty();

        cache.store(new Profile("u-1", "U-1", false), NOW);
        var fresh = cache.profiles(Set.of("u-1", "u-2"), NOW.plusSeconds(60));
        assertThat(fresh.found()).containsOnlyKeys("u-1");
        assertThat(fresh.found().get("u-1").displayName()).isEqualTo("U-1");
        assertThat(fresh.refresh()).isEmpty();

        Instant stale = NOW.plus(Duration.ofMinutes(5)).plusSeconds(1);
        var past = cache.profiles(Set.of("u-1"), stale);
        assertThat(past.found()).as("stale, still served").containsKey("u-1");
        assertThat(past.refresh()).containsExactly("u-1");
        assertThat(cache.profiles(Set.of("u-1"), stale).refresh()).isEmpty();
    }

    @Test
    void whileTheUpstreamIsOpen_everyReaderSeesIt_andNobodyQueuesARefresh() {
        cache.open(NOW.plusSeconds(30), NOW);
        var read = cache.profiles(Set.of("u-9"), NOW);
        assertThat(read.openUntil()).contains(Instant.ofEpochMilli(NOW.plusSeconds(30).toEpochMilli()));
        assertThat(read.refresh()).isEmpty();
        assertThat(cache.categories(NOW).refresh()).isFalse();
        assertThat(cache.openUntil(NOW)).isPresent();

        Instant after = NOW.plusSeconds(31);
        assertThat(cache.openUntil(after)).isEmpty();
        assertThat(cache.profiles(Set.of("u-9"), after).refresh()).as("closed again: asks").containsExactly("u-9");
    }

    @Test
    void categoriesAreOneEntry_andTheHardExpiryDropsAnEntryAltogether() {
        var shortLived = new RedisUpstreamCache(redis::sync,
                new RedisUpstreamCache.Expiry(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(1)));
        assertThat(shortLived.categories(NOW).names()).isEmpty();
        shortLived.storeCategories(List.of("news", "music"), NOW);
        assertThat(shortLived.categories(NOW).names()).contains(List.of("news", "music"));
        assertThat(redis.sync().pttl("{upstream}:categories")).isBetween(1L, 300L);
        redis.sync().pexpire("{upstream}:categories", 1);
        await(() -> redis.sync().exists("{upstream}:categories") == 0);
        assertThat(shortLived.categories(NOW).names()).isEmpty();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("not in time");
            Thread.onSpinWait();
        }
    }
}
