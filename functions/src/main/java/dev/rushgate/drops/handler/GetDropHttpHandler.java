package dev.rushgate.drops.handler;

import dev.rushgate.drops.DropsWiring;
import dev.rushgate.drops.domain.DropView;
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
        var caller = request.caller();
        DropView view = viewDrop.view(request.adminId("dropId"));
        // who owns a drop is the admins' and the owner's business, not every claimer's
        boolean mayKnowOwner = caller.isAdmin() || caller.userId().equals(view.ownerId());
        return Response.json(200, mayKnowOwner ? view : view.withoutOwner());
    }
}
