package dev.rushgate.ops.handler;

import dev.rushgate.ops.OpsWiring;
import dev.rushgate.ops.domain.LiveView;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/** {@code GET /v1/admin/live/{kind}/{id}?since=}: one event's answers per second, and its numbers now. */
public final class GetLiveHttpHandler extends HttpHandler {
    private final LiveView live;

    public GetLiveHttpHandler() {
        this(OpsWiring.liveView());
    }

    public GetLiveHttpHandler(LiveView live) {
        this.live = live;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        return Response.json(200, live.event(request.pathParameter("kind"), request.adminId("id"),
                request.query("since")));
    }
}
