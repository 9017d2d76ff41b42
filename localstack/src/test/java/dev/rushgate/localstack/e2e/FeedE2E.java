package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.localstack.bedrock.BedrockSimulator;
import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Publishing end to end against the whole local stack: a post is stored PENDING_REVIEW, the posts stream starts its
 * inspection (the real Bedrock SDK client against the stack's Bedrock simulator), and the author, then everyone,
 * sees the outcome.
 */
@ExtendWith(SharedStack.class)
class FeedE2E {
    private static final Duration INSPECTED = Duration.ofSeconds(30);

    private static Api api;
    private static String author;
    private static String reader;

    @BeforeAll
    static void setUp() {
        api = SharedStack.api();
        author = api.token("feed-author-" + System.nanoTime());
        reader = api.token("feed-reader");
    }

    @AfterEach
    void healthyBedrock() {
        SharedStack.stack().bedrock().reset();
    }

    private static String publish(String token, Map<String, Object> post, String key) {
        Api.Answer a = api.send("POST", "/v1/posts", token, Api.json(post),
                key == null ? Map.of() : Map.of("Idempotency-Key", key));
        assertThat(a.status()).as(a.raw()).isEqualTo(202);
        assertThat(a.body().path("status").asText()).isEqualTo("PENDING_REVIEW");
        return a.body().path("postId").asText();
    }

    private static JsonNode awaitStatus(String postId, String token, String status) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(INSPECTED).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Api.Answer a = api.get("/v1/posts/" + postId, token);
            assertThat(a.status()).as(a.raw()).isEqualTo(200);
            assertThat(a.body().path("status").asText()).isEqualTo(status);
            seen[0] = a.body();
        });
        return seen[0];
    }

    @Test
    void aKoreanPostIsPublished_withNorisNounsAsHashtags_andThenAnyoneCanReadIt() {
        String postId = publish(author, Map.of("title", "새 운동화 리뷰", "body", "새 운동화를 샀다. 운동화가 정말 편하다",
                "category", "sports", "tags", List.of("running")), null);

        JsonNode post = awaitStatus(postId, author, "PUBLISHED");
        assertThat(post.path("hashtags").toString()).contains("운동화");
        assertThat(post.path("category").asText()).isEqualTo("sports");
        assertThat(post.path("author").path("userId").asText()).isNotEmpty();
        assertThat(api.get("/v1/posts/" + postId, reader).body().path("status").asText()).isEqualTo("PUBLISHED");
    }

    @Test
    void aPostWithABlockedPhraseIsRejected_withAReasonOnlyItsAuthorSees() {
        String postId = publish(author, Map.of("title", "Get rich", "body", "Free money for everyone who clicks",
                "category", "news"), null);

        JsonNode post = awaitStatus(postId, author, "REJECTED");
        assertThat(post.path("reasons").toString()).containsIgnoringCase("free money");
        assertThat(api.get("/v1/posts/" + postId, reader).status()).isEqualTo(404);
        // and the author's list shows it, with its reason
        JsonNode mine = api.get("/v1/me/posts", author).body();
        assertThat(mine.path("items").findValuesAsText("postId")).contains(postId);
    }

    @Test
    void aThrottledInspectionIsRetriedByTheStream_andThePostIsPublishedOnce() {
        var bedrock = SharedStack.stack().bedrock();
        int before = bedrock.calls(BedrockSimulator.Operation.APPLY_GUARDRAIL);
        // more throttles than the SDK's own three tries: the stream must retry the record
        bedrock.throttleNext(4);

        String postId = publish(author, Map.of("title", "Ramen", "body", "A new ramen shop serves rich broth",
                "category", "food"), null);

        awaitStatus(postId, author, "PUBLISHED");
        assertThat(bedrock.calls(BedrockSimulator.Operation.APPLY_GUARDRAIL) - before).isGreaterThan(4);
    }

    @Test
    void anInspectionThatKeepsFailing_isSetAsideOnPostsFailed_whereTheDeadLetterViewListsIt() {
        // given Bedrock answering 500 to every call of the stream's tries (the SDK's three each, six tries)
        SharedStack.stack().bedrock().failNext(60);
        String admin = api.token("feed-admin", "admin");
        long before = postsFailed(admin);

        // when a post is published
        String postId = publish(author, Map.of("title", "Unlucky", "body", "Bedrock is down", "category", "news"),
                null);

        // then, after the stream's bounded retries, its batch is described on posts-failed, and the post waits
        await().atMost(INSPECTED).pollInterval(Duration.ofMillis(200)).until(() -> postsFailed(admin) > before);
        assertThat(api.get("/v1/posts/" + postId, author).body().path("status").asText()).isEqualTo("PENDING_REVIEW");

        // and once Bedrock is back, the operator's redrive writes the post again, and the stream inspects it
        SharedStack.stack().bedrock().reset();
        Api.Answer redrive = api.post("/v1/admin/dead-letters/" + Rushgate.POSTS_TABLE + "/redrive", admin, null);
        assertThat(redrive.status()).as(redrive.raw()).isEqualTo(200);
        assertThat(redrive.body().path("replayed").path("batches").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(redrive.body().path("replayed").path("items").asInt()).isGreaterThanOrEqualTo(1);
        awaitStatus(postId, author, "PUBLISHED");
        assertThat(postsFailed(admin)).isZero();
    }

    /** How many failed batches of the posts stream the dead-letter view counts. */
    private static long postsFailed(String admin) {
        for (JsonNode source : api.get("/v1/admin/dead-letters", admin).body().path("deadLetters")) {
            if (source.path("name").asText().equals(Rushgate.POSTS_TABLE)) {
                assertThat(source.path("kind").asText()).isEqualTo("STREAM");
                assertThat(source.path("queue").asText()).isEqualTo(Rushgate.POSTS_FAILED_QUEUE);
                return source.path("count").asLong();
            }
        }
        throw new AssertionError("the dead-letter view does not list the posts stream");
    }

    @Test
    void aRetryWithTheSameKeyCreatesNothingNew_andTheAuthorsListIsNewestFirst_inPages() {
        String key = "post-" + System.nanoTime();
        Map<String, Object> body = Map.of("title", "Once", "body", "Only once", "category", "tech");
        String first = publish(author, body, key);
        assertThat(publish(author, body, key)).isEqualTo(first);

        String writer = api.token("feed-writer-" + System.nanoTime());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(publish(writer, Map.of("title", "Post " + i, "body", "Body " + i, "category", "tech"), null));
        }
        JsonNode page = api.get("/v1/me/posts?limit=2", writer).body();
        assertThat(page.path("items").findValuesAsText("postId")).containsExactly(ids.get(2), ids.get(1));
        JsonNode next = api.get("/v1/me/posts?limit=2&cursor=" + page.path("nextCursor").asText(), writer).body();
        assertThat(next.path("items").findValuesAsText("postId")).containsExactly(ids.get(0));
        assertThat(next.path("nextCursor").isMissingNode() || next.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void badPostsAreRefusedWithProblems_andStoreNothing() {
        String writer = api.token("feed-bad-" + System.nanoTime());
        for (String bad : List.of("{}", "{\"title\":\"t\",\"body\":\"b\"}",
                "{\"title\":\"t\",\"body\":\"b\",\"category\":\"gardening\"}",
                "{\"title\":\"" + "x".repeat(151) + "\",\"body\":\"b\",\"category\":\"tech\"}",
                "{\"title\":\"t\",\"body\":\"b\",\"category\":\"tech\",\"tags\":\"not-a-list\"}", "not json")) {
            Api.Answer a = api.post("/v1/posts", writer, bad);
            assertThat(a.status()).as(bad).isEqualTo(400);
            assertThat(a.contentType()).as(bad).startsWith("application/problem+json");
        }
        assertThat(api.get("/v1/me/posts", writer).body().path("items")).isEmpty();
        assertThat(api.get("/v1/posts/ffffffffffffffffffffffffffffffff", writer).status()).isEqualTo(404);
        assertThat(api.get("/v1/posts/not-an-id", writer).status()).isEqualTo(404);
        assertThat(api.get("/v1/me/posts?cursor=bm9wZQ", writer).status()).isEqualTo(400);
    }

    @Test
    void publishedPostsReachEveryFollowersInbox_pagedThroughSqs_andStopAfterUnsubscribing() throws Exception {
        // given an author with 1,050 followers: more than one fan-out page of 1,000 (pages go by follower id)
        String writer = "feed-star-" + System.nanoTime();
        String writerToken = api.token(writer);
        java.util.SortedMap<String, String> followers = new java.util.TreeMap<>();
        for (int i = 0; i < 1_050; i++) {
            String id = String.format("fan-%04d-%s", i, writer);
            followers.put(id, api.token(id));
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var answers = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (String token : followers.values()) {
                answers.add(pool.submit(() -> api.put("/v1/me/subscriptions/" + writer, token, null).status()));
            }
            for (var answer : answers) assertThat(answer.get()).isEqualTo(201);
        }
        String first = followers.get(followers.firstKey());
        String last = followers.get(followers.lastKey());
        assertThat(api.put("/v1/me/subscriptions/" + writer, first, null).status()).isEqualTo(200);
        assertThat(api.get("/v1/me/subscriptions", first).body().path("items").findValuesAsText("authorId"))
                .containsExactly(writer);

        // when the author publishes
        String postId = publish(writerToken, Map.of("title", "Hello fans", "body", "New album out", "category",
                "culture"), null);

        // then the post reaches the first follower's inbox and the last one's (on the second page)
        for (String reader : List.of(first, last)) {
            await().atMost(INSPECTED).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    assertThat(api.get("/v1/me/inbox", reader).body().path("items").findValuesAsText("postId"))
                            .containsExactly(postId));
        }
        JsonNode entry = api.get("/v1/me/inbox", last).body().path("items").get(0);
        assertThat(entry.path("authorId").asText()).isEqualTo(writer);
        assertThat(entry.path("title").asText()).isEqualTo("Hello fans");

        // and after the first follower unsubscribes, the next post reaches the others but not them
        assertThat(api.send("DELETE", "/v1/me/subscriptions/" + writer, first, null, Map.of()).status())
                .isEqualTo(204);
        String second = publish(writerToken, Map.of("title", "Tour dates", "body", "Seoul, Busan", "category",
                "culture"), null);
        await().atMost(INSPECTED).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(api.get("/v1/me/inbox", last).body().path("items").findValuesAsText("postId"))
                        .containsExactly(second, postId));
        // the first page (the first follower's) is written before the second is queued, so it is done by now
        assertThat(api.get("/v1/me/inbox", first).body().path("items").findValuesAsText("postId"))
                .containsExactly(postId);
        assertThat(api.get("/v1/me/subscriptions", first).body().path("items")).isEmpty();
    }

    @Test
    void aFanOutConsumerKilledMidPage_leavesEveryPostExactlyOnceInEveryInbox() throws Exception {
        // given an author with 200 followers
        String writer = "feed-kill-" + System.nanoTime();
        String writerToken = api.token(writer);
        String[] followers = api.tokens(200, i -> String.format("kill-%03d-%s", i, writer));
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var answers = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (String token : followers) {
                answers.add(pool.submit(() -> api.put("/v1/me/subscriptions/" + writer, token, null).status()));
            }
            for (var answer : answers) assertThat(answer.get()).isEqualTo(201);
        }

        // when write-inboxes is killed while it writes a page (the kill waits for one), and a new one starts
        var kill = java.util.concurrent.CompletableFuture.supplyAsync(() -> api.post("/v1/dev/faults/consumer-kill",
                null, Api.json(Map.of("functionId", "write-inboxes"))));
        List<String> posts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            posts.add(publish(writerToken, Map.of("title", "Note " + i, "body", "Fan mail " + i, "category", "news"),
                    null));
        }
        Api.Answer killed = kill.get();
        assertThat(killed.status()).as(killed.raw()).isEqualTo(200);
        assertThat(killed.body().path("midBatch").asBoolean()).as("killed while writing a page").isTrue();

        // then the page it held comes back, and every inbox has every post once
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String follower : followers) {
                assertThat(api.get("/v1/me/inbox", follower).body().path("items").findValuesAsText("postId"))
                        .containsExactlyInAnyOrderElementsOf(posts);
            }
        });
    }

    @Test
    void nobodySubscribesToThemselves_orToAnIdOfNoShape() {
        String me = "feed-self-" + System.nanoTime();
        String token = api.token(me);
        assertThat(api.put("/v1/me/subscriptions/" + me, token, null).code()).isEqualTo("invalid-id");
        assertThat(api.put("/v1/me/subscriptions/a%20b", token, null).status()).isEqualTo(400);
    }
}
