package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.Post;
import dev.rushgate.feed.domain.Profile;
import dev.rushgate.feed.domain.Profiles;
import dev.rushgate.feed.domain.ViewPost;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/posts/{postId}}: a PUBLISHED post for anyone; a pending or rejected one (with its reasons) for its
 * author only, 404 for everyone else. The author's profile is the cached one from the upstream user service, or the
 * placeholder ({@code "placeholder": true}) while it has none: the upstream never fails this read.
 */
public final class GetPostHttpHandler extends HttpHandler {
    private final ViewPost viewPost;
    private final Profiles profiles;

    public GetPostHttpHandler() {
        this(FeedWiring.viewPost(), FeedWiring.profiles());
    }

    public GetPostHttpHandler(ViewPost viewPost, Profiles profiles) {
        this.viewPost = viewPost;
        this.profiles = profiles;
    }

    /** A post as the contract shows it. */
    record PostView(String postId, Profile author, String title, String body, String category, List<String> tags,
                    List<String> hashtags, String status, List<String> reasons, Instant createdAt,
                    Instant reviewedAt) {
        static PostView of(Post p, Profile author) {
            return new PostView(p.postId(), author, p.title(), p.body(), p.category(),
                    p.tags(), p.hashtags(), p.status().name(), p.reasons(), p.createdAt(), p.reviewedAt());
        }
    }

    @Override
    protected Response handle(Request request) {
        String caller = request.userId();
        Post post = viewPost.view(request.serverId("postId"), caller);
        return Response.json(200, PostView.of(post, profiles.of(post.authorId())));
    }
}
