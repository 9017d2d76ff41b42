package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Search end to end: a post published through the whole pipeline (stream, inspection, fan-out, the index-posts
 * queue) is found in Korean and English with highlights and its hashtags; a rejected one never is; one taken down
 * (deleted from the table) is gone from the results. The corpus itself is {@code PostSearchIT}'s.
 */
@ExtendWith(SharedStack.class)
class SearchE2E {
    private static final Duration INDEXED = Duration.ofSeconds(30);

    private static Api api;
    private static String author;
    private static String reader;

    @BeforeAll
    static void setUp() {
        api = SharedStack.api();
        author = api.token("search-author-" + System.nanoTime());
        reader = api.token("search-reader");
    }

    private static String publish(String title, String body, String category) {
        Api.Answer a = api.send("POST", "/v1/posts", author, Api.json(Map.of("title", title, "body", body,
                "category", category)), Map.of());
        assertThat(a.status()).as(a.raw()).isEqualTo(202);
        return a.body().path("postId").asText();
    }

    private static JsonNode search(String query) {
        Api.Answer a = api.get("/v1/search?" + query, reader);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        return a.body();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("postId").asText()));
        return ids;
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aPublishedPostIsFoundInKoreanAndEnglish_byHashtag_withHighlights_andARejectedOneNever() {
        String tag = "e2e" + Long.toString(System.nanoTime(), 36);
        String korean = publish("마라톤 " + tag, "새 운동화를 신고 마라톤을 달렸다. running shoes " + tag, "sports");
        String rejected = publish("Get rich " + tag, "Free money for everyone who clicks " + tag, "news");

        await().atMost(INDEXED).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(ids(search(q("운동화 " + tag)))).contains(korean));
        JsonNode english = search(q("run shoe " + tag));
        assertThat(ids(english)).contains(korean);
        JsonNode hit = english.path("items").get(ids(english).indexOf(korean));
        assertThat(hit.path("highlights").toString()).contains("<em>");
        assertThat(hit.path("authorId").asText()).isNotEmpty();

        // the inspection's hashtags filter: nori's nouns of the post
        JsonNode post = api.get("/v1/posts/" + korean, reader).body();
        String hashtag = post.path("hashtags").get(0).asText();
        assertThat(ids(search(q(tag) + "&hashtag=" + URLEncoder.encode(hashtag, StandardCharsets.UTF_8))))
                .contains(korean);
        assertThat(ids(search(q(tag) + "&hashtag=nosuchtag"))).isEmpty();

        // rejected: its author sees REJECTED, the index never had it
        await().atMost(INDEXED).untilAsserted(() -> assertThat(api.get("/v1/posts/" + rejected, author).body()
                .path("status").asText()).isEqualTo("REJECTED"));
        assertThat(ids(search(q("money " + tag)))).doesNotContain(rejected);
    }

    @Test
    void aPostTakenDownFromTheTable_leavesTheSearchToo() {
        String tag = "gone" + Long.toString(System.nanoTime(), 36);
        String postId = publish("Takedown " + tag, "A post about travel plans " + tag, "travel");
        await().atMost(INDEXED).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(ids(search(q(tag)))).containsExactly(postId));

        // an operator deletes the item (a takedown): the stream's REMOVE reaches the index through the same queue
        var stack = SharedStack.stack();
        try (var dynamo = LocalAwsClients.dynamo(stack.engines().dynamoEndpoint())) {
            dynamo.deleteItem(b -> b.tableName(stack.environment().get(EnvNames.table(Rushgate.POSTS_TABLE)))
                    .key(Map.of("postId", AttributeValue.fromS(postId))));
        }
        await().atMost(INDEXED).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(ids(search(q(tag)))).isEmpty());
    }
}
