package dev.rushgate.notices.handler;

import dev.rushgate.notices.NoticesWiring;
import dev.rushgate.notices.domain.ListNotices;
import dev.rushgate.notices.domain.NoticeBody;
import dev.rushgate.notices.domain.Page;
import dev.rushgate.notices.domain.Notice;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.util.HashMap;
import java.util.Map;

/** {@code GET /v1/me/notifications?cursor=&limit=}: the caller's notices, unread first, newest first within each. */
public final class ListNotificationsHttpHandler extends HttpHandler {
    private final ListNotices listNotices;

    public ListNotificationsHttpHandler() {
        this(NoticesWiring.listNotices());
    }

    public ListNotificationsHttpHandler(ListNotices listNotices) {
        this.listNotices = listNotices;
    }

    @Override
    protected Response handle(Request request) {
        Page<Notice> page = listNotices.list(request.userId(), request.cursor().orElse(null), request.limit());
        Map<String, Object> body = new HashMap<>();
        body.put("items", page.items().stream().map(n -> NoticeBody.of(n.fact(), n.readAt())).toList());
        body.put("nextCursor", page.nextCursor());
        return Response.json(200, body);
    }
}
