package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.PostSearch;
import dev.rushgate.feed.domain.SearchQuery;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/**
 * {@code GET /v1/search?q=&hashtag=&cursor=&limit=}: published posts matching Korean or English text, best first,
 * {@code {"items":[{"postId","authorId","title","category","hashtags","createdAt","highlights"}],"nextCursor"}}.
 * {@code highlights} are escaped fragments of the title and body with the matches in {@code <em>}.
 */
public final class SearchPostsHttpHandler extends HttpHandler {
    static final int DEFAULT_LIMIT = 20;

    private final PostSearch search;

    public SearchPostsHttpHandler() {
        this(FeedWiring.postSearch());
    }

    public SearchPostsHttpHandler(PostSearch search) {
        this.search = search;
    }

    @Override
    protected Response handle(Request request) {
        String text = request.query("q").orElseThrow(() -> new BadInput("invalid-parameter", "q is the text to search"));
        int limit = request.query("limit").map(SearchPostsHttpHandler::limit).orElse(DEFAULT_LIMIT);
        var query = new SearchQuery(text, request.query("hashtag").orElse(null), request.cursor().orElse(null), limit);
        return Response.json(200, search.search(query));
    }

    private static int limit(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadInput("invalid-parameter", "limit must be 1 to " + SearchQuery.MAX_LIMIT);
        }
    }
}
