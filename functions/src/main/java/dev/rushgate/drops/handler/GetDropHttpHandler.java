package dev.rushgate.drops.handler;

import dev.rushgate.drops.DropsWiring;
import dev.rushgate.drops.domain.ViewDrop;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/** {@code GET /v1/drops/{dropId}}: terms and live counts. */
public final class GetDropHttpHandler extends HttpHandler {
    private final ViewDrop viewDrop;

    public GetDropHttpHandler() {
        this(DropsWiring.viewDrop());
    }

    public GetDropHttpHandler(ViewDrop viewDrop) {
        this.viewDrop = viewDrop;
    }

    @Override
    protected Response handle(Request request) {
        request.caller();
        return Response.json(200, viewDrop.view(request.adminId("dropId")));
    }
}
