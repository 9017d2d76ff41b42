package dev.rushgate.tickets.handler;

import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.platform.Ids;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.ListNotices;
import dev.rushgate.tickets.domain.Notice;
import dev.rushgate.tickets.domain.Page;

import java.util.HashMap;
import java.util.Map;

/** {@code GET /v1/me/notifications?cursor=&limit=}: the caller's notices, oldest first. */
public final class ListNotificationsHttpHandler extends HttpHandler {
    private final ListNotices listNotices;

    public ListNotificationsHttpHandler() {
        this(TicketsWiring.listNotices());
    }

    public ListNotificationsHttpHandler(ListNotices listNotices) {
        this.listNotices = listNotices;
    }

    @Override
    protected Response handle(Request request) {
        String userId = request.userId();
        String cursor = request.cursor().orElse(null);
        if (cursor != null && !Ids.isServerMade(cursor)) throw new BadInput("invalid-cursor", "cursor is not one we issued");
        Page<Notice> page = listNotices.list(userId, cursor, request.limit());
        Map<String, Object> body = new HashMap<>();
        body.put("items", page.items().stream().map(ShowAnswer::notice).toList());
        body.put("nextCursor", page.nextCursor());
        return Response.json(200, body);
    }
}
