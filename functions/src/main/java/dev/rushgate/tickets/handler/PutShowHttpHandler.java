package dev.rushgate.tickets.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.DefineShow;
import dev.rushgate.tickets.domain.Show;
import dev.rushgate.tickets.domain.ViewShow;

/** {@code PUT /v1/admin/shows/{showId}}: creates the show and its whole seat map (201); the same again is a 200. */
public final class PutShowHttpHandler extends HttpHandler {
    private final DefineShow defineShow;
    private final ViewShow viewShow;

    public PutShowHttpHandler() {
        this(TicketsWiring.defineShow(), TicketsWiring.viewShow());
    }

    public PutShowHttpHandler(DefineShow defineShow, ViewShow viewShow) {
        this.defineShow = defineShow;
        this.viewShow = viewShow;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        Show show = request.body(ShowTerms.class).toShow(request.adminId("showId"));
        boolean created = defineShow.define(show);
        return Response.json(created ? 201 : 200, ShowAnswer.show(show.showId(), viewShow.view(show.showId()),
                show.ownerId()));
    }
}
