package dev.rushgate.drops.handler;

import dev.rushgate.drops.DropsWiring;
import dev.rushgate.drops.domain.ViewClaim;
import dev.rushgate.platform.http.Caller;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/** {@code GET /v1/drops/{dropId}/claims/{claimId}}: the claim's status, for its owner or an admin. */
public final class GetClaimHttpHandler extends HttpHandler {
    private final ViewClaim viewClaim;

    public GetClaimHttpHandler() {
        this(DropsWiring.viewClaim());
    }

    public GetClaimHttpHandler(ViewClaim viewClaim) {
        this.viewClaim = viewClaim;
    }

    @Override
    protected Response handle(Request request) {
        Caller caller = request.caller();
        String dropId = request.adminId("dropId");
        return Response.json(200, viewClaim.view(dropId, request.serverId("claimId"), caller.userId(), caller.isAdmin()));
    }
}
