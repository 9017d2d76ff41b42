package dev.rushgate.ops.handler;

import dev.rushgate.ops.OpsWiring;
import dev.rushgate.ops.domain.LiveView;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/** {@code GET /v1/admin/live?limit=}: every event, most recently defined first, with its last minute. */
public final class ListLiveHttpHandler extends HttpHandler {
    private final LiveView live;

    public ListLiveHttpHandler() {
        this(OpsWiring.liveView());
    }

    public ListLiveHttpHandler(LiveView live) {
        this.live = live;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        return Response.json(200, live.all(request.limit()));
    }
}
