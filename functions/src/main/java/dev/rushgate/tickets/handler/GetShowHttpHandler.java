package dev.rushgate.tickets.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.ViewShow;

/** {@code GET /v1/shows/{showId}}: total, available, held and sold seats. */
public final class GetShowHttpHandler extends HttpHandler {
    private final ViewShow viewShow;

    public GetShowHttpHandler() {
        this(TicketsWiring.viewShow());
    }

    public GetShowHttpHandler(ViewShow viewShow) {
        this.viewShow = viewShow;
    }

    @Override
    protected Response handle(Request request) {
        request.caller();
        String showId = request.adminId("showId");
        return Response.json(200, ShowAnswer.show(showId, viewShow.view(showId)));
    }
}
