package dev.rushgate.notices.handler;

import dev.rushgate.notices.NoticesWiring;
import dev.rushgate.notices.domain.MarkNoticesRead;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.util.List;
import java.util.Map;

/** {@code POST /v1/me/notifications/read {"notificationIds":[...]}}: marks the caller's notices read. */
public final class MarkNotificationsReadHttpHandler extends HttpHandler {
    private final MarkNoticesRead markRead;

    public MarkNotificationsReadHttpHandler() {
        this(NoticesWiring.markNoticesRead());
    }

    public MarkNotificationsReadHttpHandler(MarkNoticesRead markRead) {
        this.markRead = markRead;
    }

    /** The body: the ids to mark (1 to 100). */
    record Ids(List<String> notificationIds) {}

    @Override
    protected Response handle(Request request) {
        String userId = request.userId();
        Ids ids = request.body(Ids.class);
        return Response.json(200, Map.of("marked", markRead.markRead(userId, ids.notificationIds())));
    }
}
