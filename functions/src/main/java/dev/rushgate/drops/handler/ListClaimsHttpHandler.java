package dev.rushgate.drops.handler;

import dev.rushgate.drops.DropsWiring;
import dev.rushgate.drops.domain.ListClaims;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/** {@code GET /v1/admin/drops/{dropId}/claims}: a page of stored claims and the next cursor. */
public final class ListClaimsHttpHandler extends HttpHandler {
    private final ListClaims listClaims;

    public ListClaimsHttpHandler() {
        this(DropsWiring.listClaims());
    }

    public ListClaimsHttpHandler(ListClaims listClaims) {
        this.listClaims = listClaims;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        String dropId = request.adminId("dropId");
        return Response.json(200, listClaims.page(dropId, request.cursor().orElse(null), request.limit()));
    }
}
