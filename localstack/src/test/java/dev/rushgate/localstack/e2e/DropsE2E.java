package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drops end to end, over HTTP only, against the whole local stack. */
@ExtendWith(SharedStack.class)
class DropsE2E {

    private static final int STOCK = 100;
    private static final int USERS = 2_000;
    private static final int CLAIMS = 3_000;

    private static Api api;
    private static String admin;
    private static List<String> userTokens;

    @BeforeAll
    static void tokens() throws Exception {
        api = SharedStack.api();
        admin = api.token("admin-1", "admin");
        userTokens = List.of(api.tokens(USERS, i -> "user-" + i));
    }

    private static String newDrop(int stock, int perUser, Instant opensAt, Instant closesAt) {
        String dropId = "drop-" + UUID.randomUUID().toString().substring(0, 8);
        var terms = new java.util.LinkedHashMap<String, Object>(Map.of("name", "Coupon", "stock", stock,
                "perUserLimit", perUser, "opensAt", opensAt.toString()));
        if (closesAt != null) terms.put("closesAt", closesAt.toString());
        Api.Answer created = api.put("/v1/admin/drops/" + dropId, admin, Api.json(terms));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return dropId;
    }

    /** Fires every claim at once (at most 512 in flight) and returns user → claim ids accepted, plus refusals. */
    private static Rush rush(String dropId) throws InterruptedException {
        Map<String, List<String>> accepted = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        Semaphore inFlight = new Semaphore(512);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLAIMS; i++) {
                int user = i % USERS; // the first 1,000 users claim twice
                pool.submit(() -> {
                    go.await();
                    inFlight.acquire();
                    try {
                        Api.Answer answer = api.post("/v1/drops/" + dropId + "/claims", userTokens.get(user), null);
                        if (answer.status() == 202) {
                            accepted.computeIfAbsent("user-" + user, u -> new ArrayList<>())
                                    .add(answer.body().get("claimId").asText());
                        } else {
                            refused.computeIfAbsent(answer.status() + " " + answer.code(), c -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        refused.computeIfAbsent("error " + e, c -> new AtomicInteger()).incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                    return null;
                });
            }
            go.countDown();
        }
        return new Rush(accepted, refused);
    }

    private record Rush(Map<String, List<String>> accepted, Map<String, AtomicInteger> refused) {
        int acceptedCount() {
            return accepted.values().stream().mapToInt(List::size).sum();
        }

        int refusedCount() {
            return refused.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    private static JsonNode drop(String dropId) {
        Api.Answer answer = api.get("/v1/drops/" + dropId, admin);
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    private static List<JsonNode> storedClaims(String dropId) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            Api.Answer page = api.get("/v1/admin/drops/" + dropId + "/claims?limit=30"
                    + (cursor == null ? "" : "&cursor=" + cursor), admin);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().get("items").forEach(all::add);
            cursor = page.body().hasNonNull("nextCursor") ? page.body().get("nextCursor").asText() : null;
        } while (cursor != null);
        return all;
    }

    private static void assertExactlyOnceEach(String dropId, Rush rush) {
        List<JsonNode> stored = storedClaims(dropId);
        Set<String> storedIds = new HashSet<>();
        Set<String> storedUsers = new HashSet<>();
        stored.forEach(c -> {
            storedIds.add(c.get("claimId").asText());
            storedUsers.add(c.get("userId").asText());
        });
        assertThat(stored).hasSize(STOCK);
        assertThat(storedIds).hasSize(STOCK);
        assertThat(storedUsers).hasSize(STOCK);
        Set<String> acceptedIds = new HashSet<>();
        rush.accepted().values().forEach(acceptedIds::addAll);
        assertThat(storedIds).isEqualTo(acceptedIds);
        assertThat(drop(dropId).get("confirmed").asLong()).isEqualTo(STOCK);
    }

    @Test
    void flashCrowd_acceptsExactlyTheStock_oncePerUser_andStoresEveryClaimOnce() throws Exception {
        // given a drop of 100, one per user, open now
        String dropId = newDrop(STOCK, 1, Instant.now().minusSeconds(1), null);

        // when 2,000 users send 3,000 claims at once
        Rush rush = rush(dropId);

        // then exactly 100 are accepted, no user holds two, every other claim is a 409
        assertThat(rush.acceptedCount()).isEqualTo(STOCK);
        assertThat(rush.accepted().values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(rush.refusedCount()).as(rush.refused().keySet().toString()).isEqualTo(CLAIMS - STOCK);
        assertThat(rush.refused().keySet()).containsAnyOf("409 sold-out", "409 limit-reached")
                .allSatisfy(k -> assertThat(k).isIn("409 sold-out", "409 limit-reached"));
        JsonNode counts = drop(dropId);
        assertThat(counts.get("accepted").asInt()).isEqualTo(STOCK);
        assertThat(counts.get("remaining").asInt()).isZero();

        // and all 100 are CONFIRMED in DynamoDB within seconds, each once
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> drop(dropId).get("confirmed").asLong() == STOCK);
        assertExactlyOnceEach(dropId, rush);
        var someone = rush.accepted().entrySet().iterator().next();
        int user = Integer.parseInt(someone.getKey().substring("user-".length()));
        Api.Answer claim = api.get("/v1/drops/" + dropId + "/claims/" + someone.getValue().getFirst(), userTokens.get(user));
        assertThat(claim.body().get("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void consumerKilledMidBatch_andRestarted_stillStoresEachClaimExactlyOnce() throws Exception {
        // given the claims consumer is down while the rush is accepted
        String dropId = newDrop(STOCK, 1, Instant.now().minusSeconds(1), null);
        SharedStack.stack().killConsumer("store-claims");
        Rush rush = rush(dropId);
        assertThat(rush.acceptedCount()).isEqualTo(STOCK);
        assertThat(drop(dropId).get("confirmed").asLong()).isZero();

        // when it comes back, and is killed again as soon as it has stored part of the backlog
        SharedStack.stack().startConsumer("store-claims");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(2))
                .until(() -> drop(dropId).get("confirmed").asLong() > 0);
        SharedStack.stack().killConsumer("store-claims");
        long storedBeforeKill = drop(dropId).get("confirmed").asLong();
        SharedStack.stack().startConsumer("store-claims");

        // then, once the killed batch is redelivered, every claim is stored exactly once
        assertThat(storedBeforeKill).isBetween(1L, (long) STOCK - 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> drop(dropId).get("confirmed").asLong() >= STOCK);
        Thread.sleep(Duration.ofSeconds(SharedStack.VISIBILITY_SECONDS + 1)); // let any redelivery land
        assertExactlyOnceEach(dropId, rush);
    }

    @Test
    void sameIdempotencyKey_returnsTheFirstClaim_andTakesNothingMore() {
        String dropId = newDrop(10, 3, Instant.now().minusSeconds(1), null);
        String token = userTokens.get(0);
        Map<String, String> key = Map.of("Idempotency-Key", "checkout-1");

        Api.Answer first = api.send("POST", "/v1/drops/" + dropId + "/claims", token, null, key);
        Api.Answer retry = api.send("POST", "/v1/drops/" + dropId + "/claims", token, null, key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.body().get("claimId")).isEqualTo(first.body().get("claimId"));
        assertThat(drop(dropId).get("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void refusesClaimsOutsideTheWindow_andForUnknownDrops() {
        String notYet = newDrop(10, 1, Instant.now().plusSeconds(3600), null);
        String over = newDrop(10, 1, Instant.now().minusSeconds(3600), Instant.now().minusSeconds(60));
        String token = userTokens.get(1);

        assertThat(api.post("/v1/drops/" + notYet + "/claims", token, null).code()).isEqualTo("not-open");
        assertThat(api.post("/v1/drops/" + over + "/claims", token, null).code()).isEqualTo("closed");
        Api.Answer unknown = api.post("/v1/drops/no-such-drop/claims", token, null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("not-found");
    }

    @Test
    void showsAClaimOnlyToItsOwnerOrAnAdmin() {
        String dropId = newDrop(10, 1, Instant.now().minusSeconds(1), null);
        String claimId = api.post("/v1/drops/" + dropId + "/claims", userTokens.get(2), null).body().get("claimId").asText();
        String path = "/v1/drops/" + dropId + "/claims/" + claimId;

        Api.Answer owner = api.get(path, userTokens.get(2));
        Api.Answer stranger = api.get(path, userTokens.get(3));
        Api.Answer byAdmin = api.get(path, admin);

        assertThat(owner.status()).isEqualTo(200);
        assertThat(owner.body().get("userId").asText()).isEqualTo("user-2");
        assertThat(owner.body().get("status").asText()).isIn("ACCEPTED", "CONFIRMED");
        assertThat(stranger.status()).isEqualTo(403);
        assertThat(byAdmin.status()).isEqualTo(200);
    }
}
