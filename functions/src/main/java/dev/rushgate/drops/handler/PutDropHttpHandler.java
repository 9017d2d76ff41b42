package dev.rushgate.drops.handler;

import dev.rushgate.drops.DropsWiring;
import dev.rushgate.drops.domain.DefineDrop;
import dev.rushgate.drops.domain.Drop;
import dev.rushgate.drops.domain.ViewDrop;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/** {@code PUT /v1/admin/drops/{dropId}}: creates (201) or updates (200) a drop. */
public final class PutDropHttpHandler extends HttpHandler {
    private final DefineDrop defineDrop;
    private final ViewDrop viewDrop;

    public PutDropHttpHandler() {
        this(DropsWiring.defineDrop(), DropsWiring.viewDrop());
    }

    public PutDropHttpHandler(DefineDrop defineDrop, ViewDrop viewDrop) {
        this.defineDrop = defineDrop;
        this.viewDrop = viewDrop;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        Drop drop = request.body(DropTerms.class).toDrop(request.adminId("dropId"));
        boolean created = defineDrop.define(drop);
        return Response.json(created ? 201 : 200, viewDrop.view(drop.dropId()));
    }
}
