package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.ListMyPosts;
import dev.rushgate.feed.domain.Page;
import dev.rushgate.feed.domain.PostSummary;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.time.Instant;
import java.util.List;

/** {@code GET /v1/me/posts?cursor=&limit=}: the caller's posts, newest first, with status and any reasons. */
public final class ListMyPostsHttpHandler extends HttpHandler {
    private final ListMyPosts listMyPosts;

    public ListMyPostsHttpHandler() {
        this(FeedWiring.listMyPosts());
    }

    public ListMyPostsHttpHandler(ListMyPosts listMyPosts) {
        this.listMyPosts = listMyPosts;
    }

    /** One of the caller's posts. */
    record Item(String postId, String title, String category, String status, List<String> reasons,
                Instant createdAt) {
        static Item of(PostSummary s) {
            return new Item(s.postId(), s.title(), s.category(), s.status().name(), s.reasons(), s.createdAt());
        }
    }

    @Override
    protected Response handle(Request request) {
        Page<PostSummary> page = listMyPosts.page(request.userId(), request.cursor().orElse(null), request.limit());
        return Response.json(200, new Page<>(page.items().stream().map(Item::of).toList(), page.nextCursor()));
    }
}
