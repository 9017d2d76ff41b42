package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.PostStatus;
import dev.rushgate.feed.domain.PublishPost;
import dev.rushgate.feed.domain.PublishPostCommand;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/posts {"title","body","category","tags"}}: 202 {@code {"postId","status":"PENDING_REVIEW"}}. The post
 * is stored; its inspection follows from the posts stream. The same {@code Idempotency-Key} again answers the same.
 */
public final class PublishPostHttpHandler extends HttpHandler {
    private final PublishPost publishPost;

    public PublishPostHttpHandler() {
        this(FeedWiring.publishPost());
    }

    public PublishPostHttpHandler(PublishPost publishPost) {
        this.publishPost = publishPost;
    }

    /** The body as the author sends it. */
    record PostBody(String title, String body, String category, List<String> tags) {}

    @Override
    protected Response handle(Request request) {
        PostBody body = request.body(PostBody.class);
        var post = publishPost.publish(new PublishPostCommand(request.userId(), body.title(), body.body(),
                body.category(), body.tags(), request.idempotencyKey().orElse(null)));
        // the first answer, again on a retry with the key: the post was accepted for review
        return Response.json(202, Map.of("postId", post.postId(), "status", PostStatus.PENDING_REVIEW.name()));
    }
}
