package dev.rushgate.localstack.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.feed.adapter.OpenSearchPosts;
import dev.rushgate.feed.domain.Inspection;
import dev.rushgate.feed.domain.Page;
import dev.rushgate.feed.domain.Post;
import dev.rushgate.feed.domain.SearchHit;
import dev.rushgate.feed.domain.SearchQuery;
import dev.rushgate.platform.errors.BadInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The posts index and its adapter against a real OpenSearch node with nori: Korean, English (stemmed) and mixed posts
 * found by what a reader types, the user dictionary keeping loanwords whole, hashtag filtering, paging, highlights,
 * idempotent writes and cursor checking. One node for the class; each test searches words only its own posts use.
 */
class PostSearchIT {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SNEAKERS = id(1);
    private static final String JOG = id(2);
    private static final String MARATHON = id(3);
    private static final String CROWDFUNDING = id(4);
    private static final String CAT_NAMED_KRA = id(5);
    private static final String LUNCH = id(6);
    private static final String PASTA = id(7);
    private static final String YOUTUBER = id(8);
    private static final String RUNNING_CLUB = id(9);
    private static final String CAMERA = id(10);
    private static final String SHOE_REPAIR = id(11);
    private static final String CROWD_IN_ENGLISH = id(12);
    private static final int ZEBRAS = 25;

    private static EmbeddedOpenSearch node;
    private static long startMillis;
    private static OpenSearchPosts search;

    @BeforeAll
    static void startNodeAndIndexCorpus() {
        long t = System.nanoTime();
        node = EmbeddedOpenSearch.start();
        startMillis = (System.nanoTime() - t) / 1_000_000;
        System.out.println("embedded OpenSearch started in " + startMillis + " ms");
        search = OpenSearchPosts.local(node.endpoint());
        search.ensureIndex();

        search.index(published(SNEAKERS, "주말 쇼핑", "새 운동화를 샀다. 발이 아주 편하다.", List.of("쇼핑", "운동화"), 1));
        search.index(published(JOG, "Morning jog", "I ran in my new shoe this morning.", List.of("Running"), 2));
        search.index(published(MARATHON, "서울 marathon 후기", "한강에서 마라톤을 완주했다. The weather was perfect.",
                List.of("마라톤", "running"), 3));
        search.index(published(CROWDFUNDING, "크라우드 펀딩 시작", "우리 팀이 크라우드 펀딩을 열었습니다.", List.of("펀딩"), 4));
        search.index(published(CAT_NAMED_KRA, "고양이 크라", "크라 는 우리 집 고양이 이름이다. 우드 데크에서 잔다.",
                List.of("고양이"), 5));
        search.index(published(LUNCH, "오늘 점심", "김치찌개를 먹었다.", List.of("점심"), 6));
        search.index(published(PASTA, "Cooking pasta", "Boiled the pasta for ten minutes.", List.of("cooking"), 7));
        search.index(published(YOUTUBER, "유튜버 브이로그", "유튜버 친구와 브이로그를 찍었다.", List.of("브이로그"), 8));
        search.index(published(RUNNING_CLUB, "Running club", "Our running club meets every Sunday.",
                List.of("running", "club"), 9));
        search.index(published(CAMERA, "새 카메라", "새 카메라로 사진을 찍었다.", List.of("사진"), 10));
        search.index(published(SHOE_REPAIR, "Shoe repair", "Fixed the sole of an old shoe.", List.of("repair"), 11));
        search.index(published(CROWD_IN_ENGLISH, "Crowd at the gate", "A big crowd waited at the gate.",
                List.of("crowd"), 12));
        IntStream.rangeClosed(1, ZEBRAS).forEach(n -> search.index(published(id(100 + n), "얼룩말 " + n,
                "zebra number " + n + " crossed the road", List.of("zebra"), 100 + n)));
        refresh(OpenSearchPosts.INDEX);
    }

    @AfterAll
    static void stopNode() {
        if (node != null) node.close();
    }

    @Test
    void koreanWord_findsPostWhoseBodyHasItInflected() {
        // when
        List<String> ids = ids(search.search(new SearchQuery("운동화", null, null, 10)));
        // then
        assertThat(ids).contains(SNEAKERS).doesNotContain(JOG, PASTA, LUNCH);
    }

    @Test
    void englishWords_findPostWithAnotherFormOfThem_byStemming() {
        // when
        List<String> ids = ids(search.search(new SearchQuery("running shoes", null, null, 10)));
        // then: "shoes" stems to "shoe", which is all JOG shares with the query
        assertThat(ids).contains(JOG, SHOE_REPAIR, RUNNING_CLUB).doesNotContain(SNEAKERS, PASTA);
    }

    @Test
    void mixedLanguagePost_isFoundByAKoreanWordAndByAnEnglishWord() {
        // when
        List<String> byKorean = ids(search.search(new SearchQuery("한강", null, null, 10)));
        List<String> byEnglish = ids(search.search(new SearchQuery("weather", null, null, 10)));
        // then
        assertThat(byKorean).containsExactly(MARATHON);
        assertThat(byEnglish).containsExactly(MARATHON);
    }

    @Test
    void userDictionary_keepsLoanwordWhole_soItsFragmentsDoNotMatch() {
        // when
        List<String> ids = ids(search.search(new SearchQuery("크라우드", null, null, 10)));
        List<String> youtuber = ids(search.search(new SearchQuery("유튜버", null, null, 10)));
        // then: without the dictionary nori cuts 크라우드 into 크 + 라 + 우드, and the cat's 우드 데크 would match
        assertThat(ids).containsExactly(CROWDFUNDING);
        assertThat(youtuber).containsExactly(YOUTUBER);
    }

    @Test
    void indexAnalyzer_tokenizesDictionaryWordsAsOneToken() throws IOException, InterruptedException {
        // when
        JsonNode tokens = analyze("크라우드 유튜버 인플루언서 팔로워");
        List<String> terms = new ArrayList<>();
        tokens.forEach(token -> terms.add(token.get("token").asText()));
        // then: nori alone gives 크 라 우드, 유 튜버, 인 플 루 언서, 팔 로워 롭 어
        assertThat(terms).containsExactly("크라우드", "유튜버", "인플루언서", "팔로워");
    }

    @Test
    void hashtag_narrowsTheHits_caseInsensitively() {
        // given: both shoe posts match the text
        assertThat(ids(search.search(new SearchQuery("shoe", null, null, 10)))).contains(JOG, SHOE_REPAIR);
        // when
        List<String> ids = ids(search.search(new SearchQuery("shoe", "RUNNING", null, 10)));
        // then
        assertThat(ids).containsExactly(JOG);
    }

    @Test
    void cursor_pagesThroughEveryMatch_once() {
        // given
        Set<String> seen = new LinkedHashSet<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        // when
        do {
            Page<SearchHit> page = search.search(new SearchQuery("zebra", null, cursor, 10));
            sizes.add(page.items().size());
            page.items().forEach(hit -> assertThat(seen.add(hit.postId())).as("repeated %s", hit.postId()).isTrue());
            cursor = page.nextCursor();
        } while (cursor != null && sizes.size() < 10);
        // then
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, ZEBRAS).mapToObj(n -> id(100 + n)).toList());
    }

    @Test
    void hit_carriesThePostAndHighlightsTheMatchedWords() {
        // when
        SearchHit hit = search.search(new SearchQuery("운동화", null, null, 10)).items().stream()
                .filter(h -> h.postId().equals(SNEAKERS)).findFirst().orElseThrow();
        SearchHit english = search.search(new SearchQuery("shoes", null, null, 10)).items().stream()
                .filter(h -> h.postId().equals(JOG)).findFirst().orElseThrow();
        // then
        assertThat(hit.title()).isEqualTo("주말 쇼핑");
        assertThat(hit.authorId()).isEqualTo("author-1");
        assertThat(hit.category()).isEqualTo("daily");
        assertThat(hit.hashtags()).containsExactly("쇼핑", "운동화");
        assertThat(hit.createdAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(hit.highlights()).anySatisfy(f -> assertThat(f).contains("<em>운동화</em>"));
        // only stemming matched here: the english subfield's fragment stands in for the body's
        assertThat(english.highlights()).anySatisfy(f -> assertThat(f).contains("<em>shoe</em>"));
    }

    @Test
    void highlights_escapeThePostsOwnMarkup() {
        // given
        search.index(published(id(300), "Markup", "<b>narwhal</b> & friends", List.of(), 300));
        refresh(OpenSearchPosts.INDEX);
        // when
        SearchHit hit = search.search(new SearchQuery("narwhal", null, null, 10)).items().getFirst();
        // then
        assertThat(hit.highlights()).singleElement().satisfies(f -> assertThat(f)
                .contains("&lt;b&gt;<em>narwhal</em>", "&amp; friends").doesNotContain("<b>"));
    }

    @Test
    void removedPost_isNoLongerFound_andRemovingAgainIsFine() {
        // given
        search.index(published(id(200), "유니콘", "unicorn sighting", List.of(), 200));
        refresh(OpenSearchPosts.INDEX);
        assertThat(ids(search.search(new SearchQuery("unicorn", null, null, 10)))).containsExactly(id(200));
        // when
        search.remove(id(200));
        search.remove(id(200));
        search.remove(id(999));
        refresh(OpenSearchPosts.INDEX);
        // then
        assertThat(ids(search.search(new SearchQuery("unicorn", null, null, 10)))).isEmpty();
    }

    @Test
    void indexingTwice_leavesOneDocument_theLatest() {
        // given
        search.index(published(id(201), "pelican one", "a pelican", List.of(), 201));
        // when
        search.index(published(id(201), "pelican two", "a pelican", List.of(), 201));
        refresh(OpenSearchPosts.INDEX);
        // then
        List<SearchHit> hits = search.search(new SearchQuery("pelican", null, null, 10)).items();
        assertThat(hits).extracting(SearchHit::postId).containsExactly(id(201));
        assertThat(hits.getFirst().title()).isEqualTo("pelican two");
    }

    @Test
    void unpublishedPost_isRefused() {
        Post pending = Post.pending(id(202), "author-1", "draft", "walrus", "daily", List.of(), T0);

        assertThatThrownBy(() -> search.index(pending)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedCursor_isBadInput() {
        String notBase64 = "not a cursor!";
        String notJson = Base64.getUrlEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        String wrongShape = Base64.getUrlEncoder().encodeToString("{\"s\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String otherQuery = search.search(new SearchQuery("zebra", null, null, 10)).nextCursor();

        for (String cursor : List.of(notBase64, notJson, wrongShape)) {
            BadInput e = catchThrowableOfType(BadInput.class,
                    () -> search.search(new SearchQuery("zebra", null, cursor, 10)));
            assertThat(e).as(cursor).isNotNull();
            assertThat(e.code()).isEqualTo("invalid-cursor");
        }
        assertThat(otherQuery).isNotNull();
        assertThatThrownBy(() -> search.search(new SearchQuery("shoe", null, otherQuery, 10)))
                .isInstanceOf(BadInput.class);
    }

    @Test
    void ensureIndex_racingCallersBothSucceed_andTheIndexIsUsable() {
        // given
        OpenSearchPosts fresh = OpenSearchPosts.local(node.endpoint(), "posts-race");
        // when
        List<CompletableFuture<Void>> calls = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.runAsync(fresh::ensureIndex)).toList();
        // then
        assertThat(calls).allSatisfy(call -> assertThat(call).succeedsWithin(java.time.Duration.ofSeconds(30)));
        fresh.ensureIndex();
        fresh.index(published(id(400), "크라우드", "race", List.of(), 400));
        refresh("posts-race");
        assertThat(ids(fresh.search(new SearchQuery("크라우드", null, null, 10)))).containsExactly(id(400));
    }

    private static Post published(String postId, String title, String body, List<String> hashtags, int second) {
        Post pending = Post.pending(postId, "author-" + second, title, body, "daily", List.of(), T0.plusSeconds(second));
        return pending.reviewed(Inspection.approved("daily", hashtags), T0.plusSeconds(second + 1));
    }

    private static String id(int n) {
        return String.format("%032x", n);
    }

    private static List<String> ids(Page<SearchHit> page) {
        return page.items().stream().map(SearchHit::postId).toList();
    }

    private static void refresh(String index) {
        try {
            var response = HTTP.send(HttpRequest.newBuilder(node.endpoint().resolve("/" + index + "/_refresh"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode analyze(String text) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("analyzer", "korean").put("text", text).toString();
        var response = HTTP.send(HttpRequest.newBuilder(node.endpoint().resolve("/" + OpenSearchPosts.INDEX + "/_analyze"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).get("tokens");
    }
}
