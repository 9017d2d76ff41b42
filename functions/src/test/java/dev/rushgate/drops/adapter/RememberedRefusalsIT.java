package dev.rushgate.drops.adapter;

import dev.rushgate.drops.domain.ClaimDecision;
import dev.rushgate.drops.domain.Drop;
import dev.rushgate.drops.domain.RememberedRefusals;
import dev.rushgate.platform.LiveCounters;
import dev.rushgate.testing.EmbeddedRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals from memory over the real stock: the cache's own count of script calls shows that a rush of refusals
 * stops reaching it, while every answer stays the one the stock would give.
 */
class RememberedRefusalsIT {

    private static final Instant OPENS = Instant.parse("2026-11-23T20:00:00Z");
    private static final Instant NOW = OPENS.plusSeconds(10);
    private static EmbeddedRedis redis;
    private static RedisStock redisStock;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        redisStock = new RedisStock(redis::sync);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static long scriptCalls() {
        return redis.scriptCalls();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void countsEveryAnswerInTheDropsLiveCounters_withRefusalsFromMemoryCarriedByTheNextCall() {
        // given a drop of 1 and an environment that remembers refusals
        String drop = "live-" + id().substring(0, 8);
        AtomicLong clock = new AtomicLong();
        var stock = new RememberedRefusals(redisStock, redisStock::refusalState, Duration.ofSeconds(1), clock::get);
        stock.define(new Drop(drop, "Coupon", 1, 1, OPENS, null, null));

        // when one claim is accepted, one refused by the stock, 50 from memory, and one after the bound
        long before = scriptCalls();
        assertThat(stock.claim(drop, "u-0", id(), NOW, null, "")).isInstanceOf(ClaimDecision.Accepted.class);
        assertThat(stock.claim(drop, "u-1", id(), NOW, null, "")).isEqualTo(new ClaimDecision.Refused("sold-out"));
        for (int i = 2; i < 52; i++) stock.claim(drop, "u-" + i, id(), NOW, null, "");
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(stock.claim(drop, "u-52", id(), NOW.plusSeconds(1), null, ""))
                .isEqualTo(new ClaimDecision.Refused("sold-out"));

        // then three calls counted all 53 answers, in the seconds of the calls that carried them, and no more
        assertThat(scriptCalls() - before).isEqualTo(3);
        var live = redis.sync();
        assertThat(live.hgetall(LiveCounters.key(RedisStock.tag(drop), NOW)))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("accepted", "1", "sold-out", "1"));
        assertThat(live.hgetall(LiveCounters.key(RedisStock.tag(drop), NOW.plusSeconds(1))))
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("sold-out", "51"));
        // and each second's counts are kept for the window, then dropped
        assertThat(live.ttl(LiveCounters.key(RedisStock.tag(drop), NOW))).isBetween(LiveCounters.WINDOW_SECONDS - 5L,
                (long) LiveCounters.WINDOW_SECONDS);
    }

    @Test
    void answersASoldOutDropFromMemory_butSendsHoldersAndLateComersAfterTheBoundToTheStock() {
        // given a drop of 2, sold out, and an environment that remembers refusals for a bound it controls
        String drop = "mem-" + id().substring(0, 8);
        AtomicLong clock = new AtomicLong();
        var stock = new RememberedRefusals(redisStock, redisStock::refusalState, Duration.ofSeconds(1), clock::get);
        stock.define(new Drop(drop, "Coupon", 2, 1, OPENS, null, null));
        assertThat(stock.claim(drop, "holder-1", id(), NOW, "key-1", "")).isInstanceOf(ClaimDecision.Accepted.class);
        assertThat(stock.claim(drop, "holder-2", id(), NOW, null, "")).isInstanceOf(ClaimDecision.Accepted.class);

        // when the first refusal comes from the stock, then 1,000 more claims arrive within the bound
        long before = scriptCalls();
        assertThat(stock.claim(drop, "late-0", id(), NOW, null, "")).isEqualTo(new ClaimDecision.Refused("sold-out"));
        for (int i = 1; i <= 1_000; i++) {
            assertThat(stock.claim(drop, "late-" + i, id(), NOW, null, "")).isEqualTo(new ClaimDecision.Refused("sold-out"));
        }

        // then the cache ran the claim script once for all of them
        assertThat(scriptCalls() - before).isEqualTo(1);
        // and a holder replaying its accepted claim still gets it, from the stock
        assertThat(stock.claim(drop, "holder-1", id(), NOW, "key-1", ""))
                .isInstanceOfSatisfying(ClaimDecision.Accepted.class, a -> assertThat(a.replay()).isTrue());
        // and a holder asking for more still gets the stock's own answer
        assertThat(stock.claim(drop, "holder-2", id(), NOW, null, "")).isEqualTo(new ClaimDecision.Refused("limit-reached"));

        // when another environment re-stocks the drop (as PUT /v1/admin/drops does)
        new RedisStock(redis::sync).define(new Drop(drop, "Coupon", 5, 1, OPENS, null, null));

        // then this environment sees it once the bound has passed, and not before
        assertThat(stock.claim(drop, "late-1", id(), NOW, null, "")).isEqualTo(new ClaimDecision.Refused("sold-out"));
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(stock.claim(drop, "late-1", id(), NOW, null, "")).isInstanceOf(ClaimDecision.Accepted.class);
    }

    @Test
    void answersAClosedDropFromMemory_andLeavesARoomsStrangersToTheStock() {
        // given a drop behind room r that has closed
        String drop = "closed-" + id().substring(0, 8);
        var stock = new RememberedRefusals(redisStock, redisStock::refusalState, Duration.ofSeconds(1), () -> 0L);
        stock.define(new Drop(drop, "Coupon", 100, 1, OPENS, OPENS.plusSeconds(5), "r"));

        // when
        long before = scriptCalls();
        for (int i = 0; i < 100; i++) {
            assertThat(stock.claim(drop, "u-" + i, id(), NOW, null, "r")).isEqualTo(new ClaimDecision.Refused("closed"));
        }
        long afterAdmitted = scriptCalls();
        ClaimDecision stranger = stock.claim(drop, "stranger", id(), NOW, null, "");

        // then the admitted were refused from memory after the first, and the stranger got the stock's answer
        assertThat(afterAdmitted - before).isEqualTo(1);
        assertThat(stranger).isEqualTo(new ClaimDecision.Refused("not-admitted"));
        assertThat(scriptCalls() - afterAdmitted).isEqualTo(1);
    }

    @Test
    void remembersNothing_whenTheBoundIsZero() {
        String drop = "zero-" + id().substring(0, 8);
        var stock = new RememberedRefusals(redisStock, redisStock::refusalState, Duration.ZERO, System::nanoTime);
        stock.define(new Drop(drop, "Coupon", 1, 1, OPENS, null, null));
        stock.claim(drop, "holder", id(), NOW, null, "");

        long before = scriptCalls();
        for (int i = 0; i < 10; i++) stock.claim(drop, "late-" + i, id(), NOW, null, "");

        assertThat(scriptCalls() - before).isEqualTo(10);
    }
}
