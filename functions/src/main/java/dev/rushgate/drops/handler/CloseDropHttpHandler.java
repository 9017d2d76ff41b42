package dev.rushgate.drops.handler;

import dev.rushgate.drops.DropsWiring;
import dev.rushgate.drops.domain.CloseDrop;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/** {@code POST /v1/admin/drops/{dropId}/close}: the drop's window ends now; answers the audit entry. */
public final class CloseDropHttpHandler extends HttpHandler {
    private final CloseDrop closeDrop;

    public CloseDropHttpHandler() {
        this(DropsWiring.closeDrop());
    }

    public CloseDropHttpHandler(CloseDrop closeDrop) {
        this.closeDrop = closeDrop;
    }

    @Override
    protected Response handle(Request request) {
        String who = request.admin().userId();
        return Response.json(200, closeDrop.close(who, request.adminId("dropId")));
    }
}
