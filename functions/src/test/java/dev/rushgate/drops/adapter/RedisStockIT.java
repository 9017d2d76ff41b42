package dev.rushgate.drops.adapter;

import dev.rushgate.testing.EmbeddedRedis;
import dev.rushgate.drops.domain.ClaimDecision;
import dev.rushgate.drops.domain.Drop;
import dev.rushgate.drops.domain.StockLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The stock's rules against a real Redis, including the rush they exist for. */
class RedisStockIT {

    private static final Instant OPENS = Instant.parse("2026-11-23T20:00:00Z");
    private static EmbeddedRedis redis;
    private static RedisStock stock;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        stock = new RedisStock(redis::sync);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static String newId() {
        return dev.rushgate.platform.Ids.timeOrdered(System.currentTimeMillis());
    }

    @Test
    void acceptsExactlyTheStock_andNoUserTwice_underAConcurrentRush() throws Exception {
        // given a drop of 100, one per user
        stock.define(new Drop("rush", "Coupon", 100, 1, OPENS, null, null));
        Map<String, AtomicInteger> acceptedPerUser = new ConcurrentHashMap<>();
        AtomicInteger soldOut = new AtomicInteger();
        AtomicInteger limit = new AtomicInteger();

        // when 2,000 users send 3,000 claims at once (1,000 of them claim twice)
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            IntStream.range(0, 3000).forEach(i -> pool.submit(() -> {
                String user = "u-" + (i % 2000);
                var decision = stock.claim("rush", user, newId(), OPENS.plusSeconds(1), null, "");
                switch (decision) {
                    case ClaimDecision.Accepted a -> acceptedPerUser.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
                    case ClaimDecision.Refused r when r.code().equals("sold-out") -> soldOut.incrementAndGet();
                    case ClaimDecision.Refused r -> limit.incrementAndGet();
                    case ClaimDecision.UnknownDrop u -> throw new AssertionError("drop unknown");
                }
            }));
        }

        // then exactly 100 are accepted, by 100 different users, and the rest are refused
        assertThat(acceptedPerUser).hasSize(100);
        assertThat(acceptedPerUser.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(soldOut.get() + limit.get()).isEqualTo(2900);
        assertThat(stock.level("rush")).hasValueSatisfying(l -> {
            assertThat(l.accepted()).isEqualTo(100);
            assertThat(l.remaining()).isZero();
        });
        assertThat(stock.unsent("rush", OPENS.plusSeconds(60), 1000)).hasSize(100);
    }

    @Test
    void replaysTheSameClaim_forTheSameIdempotencyKeyAndUser() {
        stock.define(new Drop("idem", "Coupon", 10, 5, OPENS, null, null));

        var first = (ClaimDecision.Accepted) stock.claim("idem", "u-1", newId(), OPENS, "key-1", "");
        var again = (ClaimDecision.Accepted) stock.claim("idem", "u-1", newId(), OPENS, "key-1", "");
        var otherUser = (ClaimDecision.Accepted) stock.claim("idem", "u-2", newId(), OPENS, "key-1", "");

        assertThat(again.replay()).isTrue();
        assertThat(again.claimId()).isEqualTo(first.claimId());
        assertThat(otherUser.replay()).isFalse();
        assertThat(stock.level("idem")).hasValueSatisfying(l -> assertThat(l.accepted()).isEqualTo(2));
    }

    @Test
    void refusesOutsideTheWindow() {
        stock.define(new Drop("window", "Coupon", 10, 1, OPENS, OPENS.plusSeconds(60), null));

        assertThat(stock.claim("window", "u-1", newId(), OPENS.minusMillis(1), null, ""))
                .isEqualTo(new ClaimDecision.Refused("not-open"));
        assertThat(stock.claim("window", "u-1", newId(), OPENS.plusSeconds(60), null, ""))
                .isEqualTo(new ClaimDecision.Refused("closed"));
        assertThat(stock.claim("window", "u-1", newId(), OPENS.plusSeconds(59), null, ""))
                .isInstanceOf(ClaimDecision.Accepted.class);
    }

    @Test
    void keepsTheAcceptedCount_whenTheDropIsRedefined() {
        stock.define(new Drop("redefine", "Coupon", 2, 1, OPENS, null, null));
        stock.claim("redefine", "u-1", newId(), OPENS, null, "");

        stock.define(new Drop("redefine", "Coupon", 5, 1, OPENS, null, null));

        assertThat(stock.level("redefine")).hasValueSatisfying(l -> {
            assertThat(l.accepted()).isEqualTo(1);
            assertThat(l.remaining()).isEqualTo(4);
        });
    }

    @Test
    void amendsTheTermsOfAKnownDrop_butNeverCreatesADropTheCacheLost() {
        stock.define(new Drop("amend", "Coupon", 2, 1, OPENS, null, null));
        stock.claim("amend", "u-1", newId(), OPENS, null, "");

        boolean known = stock.amend(new Drop("amend", "Coupon", 3, 1, OPENS, null, null));
        boolean lost = stock.amend(new Drop("amend-lost", "Coupon", 3, 1, OPENS, null, null));

        assertThat(known).isTrue();
        assertThat(stock.level("amend")).hasValue(new StockLevel(3, 1));
        assertThat(lost).isFalse();
        assertThat(stock.level("amend-lost")).isEmpty();
    }

    @Test
    void forgetsSettledClaimsInTheOutbox_butStillKnowsTheirOwner() {
        stock.define(new Drop("outbox", "Coupon", 10, 10, OPENS, null, null));
        String a = ((ClaimDecision.Accepted) stock.claim("outbox", "u-1", newId(), OPENS, null, "")).claimId();
        String b = ((ClaimDecision.Accepted) stock.claim("outbox", "u-2", newId(), OPENS, null, "")).claimId();

        stock.settled("outbox", a);

        assertThat(stock.unsent("outbox", OPENS.plusSeconds(1), 10)).extracting("claimId").containsExactly(b);
        assertThat(stock.accepted("outbox", a)).hasValueSatisfying(c -> assertThat(c.userId()).isEqualTo("u-1"));
    }

    @Test
    void saysUnknown_forADropItHasNeverSeen() {
        assertThat(stock.claim("never", "u-1", newId(), OPENS, null, "")).isInstanceOf(ClaimDecision.UnknownDrop.class);
        assertThat(stock.level("never")).isEmpty();
        assertThat(List.of(RedisStock.key("x", "meta"))).containsExactly("{drop:x}:meta");
    }

    @Test
    void refusesNotAdmitted_onADropBehindARoom_unlessTheClaimantIsAdmittedToThatRoom() {
        stock.define(new Drop("gated", "Coupon", 10, 1, OPENS, null, "room-a"));

        assertThat(stock.claim("gated", "u-1", newId(), OPENS, null, "")).isEqualTo(new ClaimDecision.Refused("not-admitted"));
        assertThat(stock.claim("gated", "u-1", newId(), OPENS, null, "room-b")).isEqualTo(new ClaimDecision.Refused("not-admitted"));
        assertThat(stock.claim("gated", "u-1", newId(), OPENS, null, "room-a")).isInstanceOf(ClaimDecision.Accepted.class);
        assertThat(stock.level("gated").orElseThrow().accepted()).isEqualTo(1);
    }
}
