package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.Follow;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/** {@code GET /v1/me/subscriptions?cursor=&limit=}: the authors the caller follows, {@code {"authorId","since"}}. */
public final class ListSubscriptionsHttpHandler extends HttpHandler {
    private final Follow follow;

    public ListSubscriptionsHttpHandler() {
        this(FeedWiring.follow());
    }

    public ListSubscriptionsHttpHandler(Follow follow) {
        this.follow = follow;
    }

    @Override
    protected Response handle(Request request) {
        return Response.json(200, follow.list(request.userId(), request.cursor().orElse(null), request.limit()));
    }
}
