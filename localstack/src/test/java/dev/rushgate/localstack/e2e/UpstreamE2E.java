package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.localstack.upstream.UserServiceSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed on top of the upstream user service simulator (flaky by default: 20% of calls wait 1 s, then 500):
 * profiles and categories arrive through the cache and its refresh queue, and an upstream that is down costs readers
 * the real names, never a page, and costs posts nothing.
 */
@ExtendWith(SharedStack.class)
class UpstreamE2E {
    private static final Duration SETTLED = Duration.ofSeconds(30);
    /** How long the outage test keeps the upstream down at least (besides the time its posts take). */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("rushgate.e2e.outageSeconds", 0));

    private static Api api;

    @BeforeAll
    static void setUp() {
        api = SharedStack.api();
    }

    @AfterEach
    void flakyAgain() {
        upstream(Map.of("outage", false, "failureRate", 0.2, "delayMs", 1000));
    }

    private static JsonNode upstream(Map<String, Object> mode) {
        return ok(api.post("/v1/dev/faults/upstream", null, Api.json(mode)));
    }

    private static JsonNode ok(Api.Answer a) {
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.body();
    }

    private static String publish(String token, String title, String category) {
        Api.Answer a = api.send("POST", "/v1/posts", token, Api.json(Map.of("title", title,
                "body", "A post about " + title, "category", category)), Map.of());
        assertThat(a.status()).as(a.raw()).isEqualTo(202);
        return a.body().path("postId").asText();
    }

    private static JsonNode post(String postId, String token) {
        Api.Answer a = api.get("/v1/posts/" + postId, token);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.body();
    }

    @Test
    void anAuthorIsAPlaceholderUntilTheirProfileIsRefreshed_thenTheirUpstreamName() {
        String authorId = "ada-" + System.nanoTime();
        String author = api.token(authorId);
        String postId = publish(author, "First light", "news");

        JsonNode first = post(postId, author);
        assertThat(first.path("author").path("userId").asText()).isEqualTo(authorId);
        assertThat(first.path("author").path("placeholder").asBoolean()).as("nothing cached yet").isTrue();

        await().atMost(SETTLED).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode author1 = post(postId, author).path("author");
            assertThat(author1.path("placeholder").asBoolean()).isFalse();
            assertThat(author1.path("displayName").asText()).isEqualTo("Ada-" + authorId.substring(4));
        });
    }

    @Test
    void theCategoriesAreTheUpstreams_onceCached_soAPostMayNameOneOnlyTheUpstreamHas() {
        String token = api.token("categories-" + System.nanoTime());
        await().atMost(SETTLED).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode categories = ok(api.get("/v1/categories", token));
            assertThat(categories.path("fallback").asBoolean()).isFalse();
            assertThat(categories.path("categories").toString()).contains("music");
        });
        String postId = publish(token, "Live tonight", "music");
        await().atMost(SETTLED).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(post(postId, token).path("status").asText()).isEqualTo("PUBLISHED"));
        assertThat(post(postId, token).path("category").asText()).isEqualTo("music");
    }

    @Test
    void whileTheUpstreamIsDown_readsServePlaceholders_postsStillPublishOnceEach_andNamesArriveOnceItIsBack()
            throws InterruptedException {
        String authorId = "grace-" + System.nanoTime();
        String author = api.token(authorId);
        String follower = api.token("follower-" + System.nanoTime());
        assertThat(api.send("PUT", "/v1/me/subscriptions/" + authorId, follower, null, Map.of()).status())
                .isEqualTo(201);
        long callsBefore = SharedStack.stack().upstream().calls().total();

        // the upstream goes down, then the author (never cached) publishes
        assertThat(upstream(Map.of("outage", true)).path("outage").asBoolean()).isTrue();
        long downSince = System.nanoTime();
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) posts.add(publish(author, "Outage note " + i, "tech"));

        // every post is published and reaches the inbox exactly once; every read answers, with placeholders
        await().atMost(SETTLED).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode inbox = ok(api.get("/v1/me/inbox?limit=100", follower));
            List<String> ids = new ArrayList<>();
            inbox.path("items").forEach(i -> ids.add(i.path("postId").asText()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(posts);
            inbox.path("items").forEach(i -> assertThat(i.path("author").path("placeholder").asBoolean()).isTrue());
        });
        for (String id : posts) {
            JsonNode p = post(id, follower);
            assertThat(p.path("status").asText()).isEqualTo("PUBLISHED");
            assertThat(p.path("author").path("placeholder").asBoolean()).isTrue();
        }
        // the outage lasts OUTAGE in all (the suite keeps it short; the minute: -Drushgate.e2e.outageSeconds=60),
        // and readers keep reading through it
        while (System.nanoTime() - downSince < OUTAGE.toNanos()) {
            ok(api.get("/v1/me/inbox?limit=100", follower));
            ok(api.get("/v1/posts/" + posts.getFirst(), follower));
            Thread.sleep(1_000);
        }
        // the refresh consumer's breaker opened, and through the cache, it stopped everyone calling: few calls
        UserServiceSimulator.Calls during = SharedStack.stack().upstream().calls();
        assertThat(during.refused()).isPositive();
        assertThat(during.total() - callsBefore).as("calls to a dead upstream").isLessThan(60);
        System.out.printf("upstream down %d s: %d calls to it (%d refused); %d posts published, each once in the inbox%n",
                Duration.ofNanos(System.nanoTime() - downSince).toSeconds(), during.total() - callsBefore,
                during.refused(), posts.size());

        // back up: the put-off refresh arrives, and readers see the author's name
        upstream(Map.of("outage", false, "failureRate", 0.0));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode inbox = ok(api.get("/v1/me/inbox?limit=100", follower));
            Set<String> names = new HashSet<>();
            inbox.path("items").forEach(i -> names.add(i.path("author").path("displayName").asText()
                    + (i.path("author").path("placeholder").asBoolean() ? " (placeholder)" : "")));
            assertThat(names).containsExactly("Grace-" + authorId.substring(6));
        });
        JsonNode inbox = ok(api.get("/v1/me/inbox?limit=100", follower));
        assertThat(inbox.path("items").size()).as("none twice").isEqualTo(posts.size());
    }
}
