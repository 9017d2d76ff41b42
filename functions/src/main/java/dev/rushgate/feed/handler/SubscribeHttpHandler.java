package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.Follow;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.util.Map;

/**
 * {@code PUT /v1/me/subscriptions/{authorId}}: 201 when new, 200 when the caller was subscribed already; the author's
 * posts published from now on reach the caller's inbox.
 */
public final class SubscribeHttpHandler extends HttpHandler {
    private final Follow follow;

    public SubscribeHttpHandler() {
        this(FeedWiring.follow());
    }

    public SubscribeHttpHandler(Follow follow) {
        this.follow = follow;
    }

    @Override
    protected Response handle(Request request) {
        String authorId = request.pathParameter("authorId");
        boolean created = follow.subscribe(request.userId(), authorId);
        return Response.json(created ? 201 : 200, Map.of("authorId", authorId));
    }
}
