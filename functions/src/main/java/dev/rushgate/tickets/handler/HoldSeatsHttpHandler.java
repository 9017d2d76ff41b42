package dev.rushgate.tickets.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.HoldSeats;
import dev.rushgate.tickets.domain.HoldSeatsCommand;

import java.util.List;

/**
 * {@code POST /v1/shows/{showId}/holds {"seatIds"}}: 201 with the hold, or 409 seat-unavailable / limit-reached;
 * a show behind a waiting room needs header {@code X-Admission-Token} (else 403 not-admitted). With
 * {@code Idempotency-Key}, a retry answers the first hold (201) and holds nothing more.
 */
public final class HoldSeatsHttpHandler extends HttpHandler {
    private final HoldSeats holdSeats;

    public HoldSeatsHttpHandler() {
        this(TicketsWiring.holdSeats());
    }

    public HoldSeatsHttpHandler(HoldSeats holdSeats) {
        this.holdSeats = holdSeats;
    }

    record Body(List<String> seatIds) {}

    @Override
    protected Response handle(Request request) {
        String userId = request.userId();
        String showId = request.adminId("showId");
        Body body = request.body(Body.class);
        var command = new HoldSeatsCommand(showId, userId, body.seatIds(),
                request.header("x-admission-token").orElse(null), request.idempotencyKey().orElse(null));
        return Response.json(201, ShowAnswer.hold(holdSeats.hold(command)));
    }
}
