package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.Post;
import dev.rushgate.feed.domain.ViewPost;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/posts/{postId}}: a PUBLISHED post for anyone; a pending or rejected one (with its reasons) for its
 * author only, 404 for everyone else.
 */
public final class GetPostHttpHandler extends HttpHandler {
    private final ViewPost viewPost;

    public GetPostHttpHandler() {
        this(FeedWiring.viewPost());
    }

    public GetPostHttpHandler(ViewPost viewPost) {
        this.viewPost = viewPost;
    }

    /**
     * The author's profile. Profiles come from the upstream user service, which is not wired yet: until then every
     * profile is the placeholder the contract allows, marked {@code "placeholder": true}.
     */
    record Author(String userId, boolean placeholder) {}

    /** A post as the contract shows it. */
    record PostView(String postId, Author author, String title, String body, String category, List<String> tags,
                    List<String> hashtags, String status, List<String> reasons, Instant createdAt,
                    Instant reviewedAt) {
        static PostView of(Post p) {
            return new PostView(p.postId(), new Author(p.authorId(), true), p.title(), p.body(), p.category(),
                    p.tags(), p.hashtags(), p.status().name(), p.reasons(), p.createdAt(), p.reviewedAt());
        }
    }

    @Override
    protected Response handle(Request request) {
        String caller = request.userId();
        return Response.json(200, PostView.of(viewPost.view(request.serverId("postId"), caller)));
    }
}
