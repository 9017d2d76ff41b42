package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.ReadInbox;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/**
 * {@code GET /v1/me/inbox?cursor=&limit=}: published posts of the authors the caller follows, newest first,
 * {@code {"postId","authorId","title","category","publishedAt"}}.
 */
public final class ReadInboxHttpHandler extends HttpHandler {
    private final ReadInbox readInbox;

    public ReadInboxHttpHandler() {
        this(FeedWiring.readInbox());
    }

    public ReadInboxHttpHandler(ReadInbox readInbox) {
        this.readInbox = readInbox;
    }

    @Override
    protected Response handle(Request request) {
        return Response.json(200, readInbox.page(request.userId(), request.cursor().orElse(null), request.limit()));
    }
}
