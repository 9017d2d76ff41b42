package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.Follow;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/** {@code DELETE /v1/me/subscriptions/{authorId}}: 204, subscribed or not; the author's later posts no longer come. */
public final class UnsubscribeHttpHandler extends HttpHandler {
    private final Follow follow;

    public UnsubscribeHttpHandler() {
        this(FeedWiring.follow());
    }

    public UnsubscribeHttpHandler(Follow follow) {
        this.follow = follow;
    }

    @Override
    protected Response handle(Request request) {
        follow.unsubscribe(request.userId(), request.pathParameter("authorId"));
        return Response.empty(204);
    }
}
