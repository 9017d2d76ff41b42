package dev.rushgate.localstack.upstream;

import dev.rushgate.feed.adapter.HttpUserService;
import dev.rushgate.feed.adapter.RedisUpstreamCache;
import dev.rushgate.feed.domain.Profile;
import dev.rushgate.feed.domain.Refresh;
import dev.rushgate.feed.domain.RefreshUpstream;
import dev.rushgate.feed.domain.UserService;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real upstream client (timeout, Resilience4j retry and breaker) against the user service simulator, with the
 * breaker's "open" shared through a real Redis: what one environment learns, the others obey.
 */
class UpstreamClientIT {

    private static UserServiceSimulator upstream;
    private static RedisServer server;
    private static RedisClient client;
    private static RedisCommands<String, String> redis;
    private RedisUpstreamCache cache;

    @BeforeAll
    static void start() throws Exception {
        upstream = UserServiceSimulator.start(UserServiceSimulator.Mode.FLAKY);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = new RedisServer(port);
        server.start();
        client = RedisClient.create("redis://127.0.0.1:" + port);
        redis = client.connect().sync();
    }

    @AfterAll
    static void stop() throws Exception {
        client.shutdown();
        server.stop();
        upstream.close();
    }

    @BeforeEach
    void fresh() {
        redis.flushall();
        upstream.mode(UserServiceSimulator.Mode.FLAKY);
        cache = new RedisUpstreamCache(() -> redis, RedisUpstreamCache.Expiry.DEFAULT);
    }

    private HttpUserService environment() {
        return new HttpUserService(upstream.url(), HttpUserService.Settings.DEFAULT, cache, Clock.systemUTC());
    }

    @Test
    void aFlakyUpstreamIsRetried_eachTryCutShortOfItsSecondLongFailures_andEveryProfileArrives() {
        HttpUserService users = environment();
        var before = upstream.calls();
        for (int i = 0; i < 20; i++) {
            long began = System.nanoTime();
            Profile p = users.profile("u-" + i).orElseThrow();
            assertThat(p.displayName()).isEqualTo("U-" + i);
            assertThat(p.placeholder()).isFalse();
            // three tries at most, each cut at 500 ms: never the 1 s the upstream takes to fail, three times
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofMillis(2_900));
        }
        var after = upstream.calls();
        assertThat(after.failed() - before.failed()).as("the upstream failed some calls (20%)").isPositive();
        assertThat(users.breakerState()).as("20% is below the breaker's threshold").isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(users.categories()).isEqualTo(UserServiceSimulator.CATEGORIES);
    }

    @Test
    void anUpstreamThatIsDown_opensOneEnvironmentsBreaker_andEveryOtherEnvironmentStopsCallingIt() {
        upstream.mode(UserServiceSimulator.Mode.HEALTHY.withOutage(true));
        HttpUserService first = environment();
        // enough failing calls for the breaker's window (10), each tried three times
        for (int i = 0; i < 10 && first.breakerState() != CircuitBreaker.State.OPEN; i++) {
            assertThatThrownBy(() -> first.profile("u-1")).isInstanceOf(UserService.Unavailable.class);
        }
        assertThat(first.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(cache.openUntil(Instant.now())).as("shared through the cache").isPresent();

        // a second environment, whose own breaker never saw a failure, calls nothing
        RefreshUpstream elsewhere = new RefreshUpstream(environment(), cache, Clock.systemUTC());
        long calls = upstream.calls().total();
        assertThatThrownBy(() -> elsewhere.refresh(Refresh.profile("u-2")))
                .isInstanceOfSatisfying(RefreshUpstream.Later.class,
                        later -> assertThat(later.after()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30)));
        assertThat(upstream.calls().total()).isEqualTo(calls);
        // and a reader asks for no refresh while it is open
        assertThat(cache.profiles(Set.of("u-2"), Instant.now()).refresh()).isEmpty();
    }

    @Test
    void aRefreshCachesTheProfile_andAUserTheUpstreamDoesNotKnowAsThePlaceholder() {
        upstream.mode(UserServiceSimulator.Mode.HEALTHY);
        RefreshUpstream refresh = new RefreshUpstream(environment(), cache, Clock.systemUTC());
        refresh.refresh(Refresh.profile("ada"));
        refresh.refresh(Refresh.profile("ghost-1"));
        refresh.refresh(Refresh.categories());

        var read = cache.profiles(Set.of("ada", "ghost-1"), Instant.now());
        assertThat(read.found().get("ada")).isEqualTo(new Profile("ada", "Ada", false));
        assertThat(read.found().get("ghost-1").placeholder()).isTrue();
        assertThat(read.refresh()).isEmpty();
        assertThat(cache.categories(Instant.now()).names()).contains(UserServiceSimulator.CATEGORIES);
    }
}
