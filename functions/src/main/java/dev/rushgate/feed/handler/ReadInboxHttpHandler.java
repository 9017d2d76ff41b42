package dev.rushgate.feed.handler;

import dev.rushgate.feed.FeedWiring;
import dev.rushgate.feed.domain.Inboxes;
import dev.rushgate.feed.domain.Page;
import dev.rushgate.feed.domain.Profile;
import dev.rushgate.feed.domain.Profiles;
import dev.rushgate.feed.domain.ReadInbox;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/me/inbox?cursor=&limit=}: published posts of the authors the caller follows, newest first,
 * {@code {"postId","authorId","author","title","category","createdAt","publishedAt"}}. The page's authors' profiles
 * are one cache read; those it lacks are placeholders, so the upstream never fails the inbox.
 */
public final class ReadInboxHttpHandler extends HttpHandler {
    private final ReadInbox readInbox;
    private final Profiles profiles;

    public ReadInboxHttpHandler() {
        this(FeedWiring.readInbox(), FeedWiring.profiles());
    }

    public ReadInboxHttpHandler(ReadInbox readInbox, Profiles profiles) {
        this.readInbox = readInbox;
        this.profiles = profiles;
    }

    record Item(String postId, String authorId, Profile author, String title, String category, Instant createdAt,
                Instant publishedAt) {}

    @Override
    protected Response handle(Request request) {
        Page<Inboxes.Entry> page = readInbox.page(request.userId(), request.cursor().orElse(null), request.limit());
        Map<String, Profile> authors = profiles.of(page.items().stream().map(Inboxes.Entry::authorId).toList());
        List<Item> items = page.items().stream().map(e -> new Item(e.postId(), e.authorId(), authors.get(e.authorId()),
                e.title(), e.category(), e.createdAt(), e.publishedAt())).toList();
        return Response.json(200, new Page<>(items, page.nextCursor()));
    }
}
