package dev.rushgate.tickets.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.JoinWaitlist;

import java.util.Map;

/** {@code POST /v1/shows/{showId}/waitlist}: 201 with the place in line (joining again keeps it). */
public final class JoinWaitlistHttpHandler extends HttpHandler {
    private final JoinWaitlist joinWaitlist;

    public JoinWaitlistHttpHandler() {
        this(TicketsWiring.joinWaitlist());
    }

    public JoinWaitlistHttpHandler(JoinWaitlist joinWaitlist) {
        this.joinWaitlist = joinWaitlist;
    }

    @Override
    protected Response handle(Request request) {
        String userId = request.userId();
        String showId = request.adminId("showId");
        long position = joinWaitlist.join(showId, userId);
        return Response.json(201, Map.of("showId", showId, "position", position, "status", "WAITING"));
    }
}
