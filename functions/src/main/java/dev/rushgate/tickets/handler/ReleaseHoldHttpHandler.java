package dev.rushgate.tickets.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.ReleaseHold;

import java.util.Map;

/** {@code DELETE /v1/holds/{holdId}}: the owner gives the hold back; its seats are AVAILABLE again. */
public final class ReleaseHoldHttpHandler extends HttpHandler {
    private final ReleaseHold releaseHold;

    public ReleaseHoldHttpHandler() {
        this(TicketsWiring.releaseHold());
    }

    public ReleaseHoldHttpHandler(ReleaseHold releaseHold) {
        this.releaseHold = releaseHold;
    }

    @Override
    protected Response handle(Request request) {
        String userId = request.userId();
        String holdId = request.serverId("holdId");
        releaseHold.release(holdId, userId);
        return Response.json(200, Map.of("holdId", holdId, "status", "RELEASED"));
    }
}
