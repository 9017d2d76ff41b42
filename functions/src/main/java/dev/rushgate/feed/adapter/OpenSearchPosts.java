package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Page;
import dev.rushgate.feed.domain.Post;
import dev.rushgate.feed.domain.PostSearch;
import dev.rushgate.feed.domain.PostStatus;
import dev.rushgate.feed.domain.SearchHit;
import dev.rushgate.feed.domain.SearchQuery;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link PostSearch} on OpenSearch: the Amazon OpenSearch Service domain in the cloud, the local stack's embedded node
 * here, with one index definition ({@code feed/posts-index.json}) for both. Korean goes through nori (mixed
 * decompounding, so a compound and its parts both match); each text field has an {@code english} subfield for
 * stemming, and a search asks both. Pages follow {@code search_after} on (score, createdAt, postId), a total order, so
 * paging neither repeats nor skips a post while the index holds still. Posts indexed between two pages can shift
 * scores a little (term statistics change), which may move a hit across a page boundary: a search result, unlike an
 * inbox, is not a ledger, and a point-in-time per reader would cost more than that is worth.
 */
public final class OpenSearchPosts implements PostSearch {
    /** The index both sides use. */
    public static final String INDEX = "posts";
    static final String DEFINITION = "feed/posts-index.json";
    /** A title is worth twice the body: it is what the author chose to say the post is about. */
    private static final List<String> FIELDS = List.of("title^2", "title.english^2", "body", "body.english");
    private static final int BODY_FRAGMENT_CHARS = 120;

    private final OpenSearchClient client;
    private final String index;
    /** Whether this instance made sure the index exists: before its first write, never a dynamically mapped one. */
    private volatile boolean ensured;

    public OpenSearchPosts(OpenSearchClient client, String index) {
        this.client = Objects.requireNonNull(client, "client");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** The local stack's node: plain HTTP, no signing. */
    public static OpenSearchPosts local(URI endpoint) {
        return local(endpoint, INDEX);
    }

    /** The local stack's node, with an index of another name (a test's own, say). */
    public static OpenSearchPosts local(URI endpoint, String index) {
        HttpHost host = new HttpHost(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort());
        var transport = ApacheHttpClient5TransportBuilder.builder(host).setMapper(new JacksonJsonpMapper()).build();
        return new OpenSearchPosts(new OpenSearchClient(transport), index);
    }

    /**
     * An Amazon OpenSearch Service domain ({@code host} without scheme), requests signed with SigV4 as service
     * {@code es} by the function role's credentials, over the SDK's Apache client the other AWS clients use.
     */
    public static OpenSearchPosts aws(String host, Region region) {
        var options = AwsSdk2TransportOptions.builder().setMapper(new JacksonJsonpMapper()).build();
        var transport = new AwsSdk2Transport(ApacheHttpClient.builder().build(), host, "es", region, options);
        return new OpenSearchPosts(new OpenSearchClient(transport), INDEX);
    }

    /**
     * Creates the index from its definition unless it exists. Safe to call from every cold start at once: whoever
     * loses the race to create it finds {@code resource_already_exists_exception}, which is the outcome it wanted.
     */
    public void ensureIndex() {
        try {
            if (ensured) return;
            if (client.indices().exists(e -> e.index(index)).value()) {
                ensured = true;
                return;
            }
            var request = Requests.builder().method("PUT").endpoint("/" + index).json(definition()).build();
            try (Response response = client.generic().execute(request)) {
                String body = response.getBody().map(Body::bodyAsString).orElse("");
                if (response.getStatus() / 100 == 2
                        || response.getStatus() == 400 && body.contains("resource_already_exists_exception")) {
                    ensured = true;
                    return;
                }
                throw new IllegalStateException("creating index " + index + " failed: " + response.getStatus() + " " + body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("creating index " + index, e);
        }
    }

    static String definition() {
        try (InputStream in = OpenSearchPosts.class.getClassLoader().getResourceAsStream(DEFINITION)) {
            if (in == null) throw new IllegalStateException(DEFINITION + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(DEFINITION, e);
        }
    }

    @Override
    public void index(Post post) {
        if (post.status() != PostStatus.PUBLISHED) {
            throw new IllegalArgumentException("only published posts are searchable: " + post.postId() + " is " + post.status());
        }
        // A domain creates a missing index on the first write, with dynamic mappings: no nori, no english subfield.
        ensureIndex();
        var document = IndexedPost.of(post);
        try {
            // The post id is the document id: a replayed record overwrites, never duplicates. Default refresh: the
            // post shows up within a second, and a burst of publishing does not force a segment per post.
            client.index(i -> i.index(index).id(post.postId()).document(document));
        } catch (IOException e) {
            throw new UncheckedIOException("indexing post " + post.postId(), e);
        }
    }

    /**
     * Many published posts in one bulk request: how the index is rebuilt from the posts table (and how the feed
     * benchmark loads its corpus). Each post is its own document id, as with {@link #index}.
     */
    public void indexAll(java.util.Collection<Post> posts) {
        ensureIndex();
        List<org.opensearch.client.opensearch.core.bulk.BulkOperation> operations = new ArrayList<>(posts.size());
        for (Post post : posts) {
            if (post.status() != PostStatus.PUBLISHED) continue;
            var document = IndexedPost.of(post);
            operations.add(org.opensearch.client.opensearch.core.bulk.BulkOperation.of(b -> b
                    .index(i -> i.index(index).id(post.postId()).document(document))));
        }
        if (operations.isEmpty()) return;
        try {
            var response = client.bulk(b -> b.operations(operations));
            if (response.errors()) throw new IllegalStateException("bulk indexing failed for some posts");
        } catch (IOException e) {
            throw new UncheckedIOException("bulk indexing " + operations.size() + " posts", e);
        }
    }

    @Override
    public void remove(String postId) {
        try {
            client.delete(d -> d.index(index).id(postId));
        } catch (IOException e) {
            throw new UncheckedIOException("removing post " + postId, e);
        }
    }

    @Override
    public Page<SearchHit> search(SearchQuery query) {
        int fingerprint = SearchCursor.fingerprint(query.text(), query.hashtag());
        SearchCursor after = query.cursor() == null ? null : SearchCursor.decode(query.cursor(), fingerprint);
        SearchResponse<IndexedPost> response;
        try {
            response = client.search(s -> {
                s.index(index)
                        .query(query(query))
                        // One more than a page: whether there is a next page is known without asking again.
                        .size(query.limit() + 1)
                        .trackTotalHits(t -> t.enabled(false))
                        .source(src -> src.filter(f -> f.excludes("body")))
                        .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("createdAt").order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("postId").order(SortOrder.Asc)))
                        // Escaped text with only our <em> tags in it, so a client may show a fragment as HTML.
                        .highlight(h -> h.encoder(HighlighterEncoder.Html).preTags("<em>").postTags("</em>")
                                .fields("title", f -> f.numberOfFragments(0))
                                .fields("title.english", f -> f.numberOfFragments(0))
                                .fields("body", f -> f.fragmentSize(BODY_FRAGMENT_CHARS).numberOfFragments(2))
                                .fields("body.english", f -> f.fragmentSize(BODY_FRAGMENT_CHARS).numberOfFragments(2)));
                if (after != null) s.searchAfter(after.searchAfter());
                return s;
            }, IndexedPost.class);
        } catch (OpenSearchException e) {
            // no post published yet on this domain: nothing to find, not a failure
            if (e.status() == 404 && "index_not_found_exception".equals(e.error().type())) return new Page<>(List.of(), null);
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("searching posts", e);
        }
        List<Hit<IndexedPost>> hits = response.hits().hits();
        boolean more = hits.size() > query.limit();
        List<Hit<IndexedPost>> page = more ? hits.subList(0, query.limit()) : hits;
        List<SearchHit> items = new ArrayList<>(page.size());
        for (Hit<IndexedPost> hit : page) items.add(toSearchHit(hit));
        String next = more ? SearchCursor.after(fingerprint, page.getLast().sort()).encode() : null;
        return new Page<>(items, next);
    }

    private static Query query(SearchQuery query) {
        Query text = Query.of(q -> q.multiMatch(m -> m.query(query.text()).fields(FIELDS)));
        if (query.hashtag() == null) return text;
        return Query.of(q -> q.bool(b -> b.must(text)
                .filter(f -> f.term(t -> t.field("hashtags").value(FieldValue.of(query.hashtag()))))));
    }

    private static SearchHit toSearchHit(Hit<IndexedPost> hit) {
        IndexedPost post = hit.source();
        return new SearchHit(post.postId(), post.authorId(), post.title(), post.category(),
                post.hashtags() == null ? List.of() : post.hashtags(), Instant.ofEpochMilli(post.createdAt()),
                highlights(hit.highlight()));
    }

    /**
     * A field's own fragments, or its english subfield's where only stemming matched (the subfield highlights the same
     * source text): title first, then body, never the same field twice.
     */
    private static List<String> highlights(Map<String, List<String>> byField) {
        List<String> fragments = new ArrayList<>();
        for (String field : List.of("title", "body")) {
            List<String> own = byField.get(field);
            fragments.addAll(own != null && !own.isEmpty() ? own : byField.getOrDefault(field + ".english", List.of()));
        }
        return fragments;
    }

    /** A post as the index holds it: the searchable text and what a result list shows. */
    record IndexedPost(String postId, String authorId, String title, String body, String category,
                       List<String> hashtags, long createdAt) {
        static IndexedPost of(Post post) {
            return new IndexedPost(post.postId(), post.authorId(), post.title(), post.body(), post.category(),
                    post.hashtags(), post.createdAt().toEpochMilli());
        }
    }
}
