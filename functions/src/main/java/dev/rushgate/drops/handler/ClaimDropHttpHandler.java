package dev.rushgate.drops.handler;

import dev.rushgate.drops.DropsWiring;
import dev.rushgate.drops.domain.ClaimDrop;
import dev.rushgate.drops.domain.ClaimDropCommand;
import dev.rushgate.drops.domain.ClaimView;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.util.Map;

/**
 * {@code POST /v1/drops/{dropId}/claims}: 202 ACCEPTED, or the 409 that says why not; a drop behind a waiting
 * room needs header {@code X-Admission-Token} (else 403 {@code not-admitted}).
 */
public final class ClaimDropHttpHandler extends HttpHandler {
    private final ClaimDrop claimDrop;

    public ClaimDropHttpHandler() {
        this(DropsWiring.claimDrop());
    }

    public ClaimDropHttpHandler(ClaimDrop claimDrop) {
        this.claimDrop = claimDrop;
    }

    @Override
    protected Response handle(Request request) {
        var command = new ClaimDropCommand(request.adminId("dropId"), request.userId(),
                request.idempotencyKey().orElse(null), request.header("x-admission-token").orElse(null));
        ClaimView claim = claimDrop.claim(command);
        return Response.json(202, Map.of("claimId", claim.claimId(), "status", claim.status()));
    }
}
