package dev.rushgate.tickets.handler;

import dev.rushgate.platform.http.Caller;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.CancelOrder;

/** {@code POST /v1/orders/{orderId}/cancel}: a CONFIRMED order becomes CANCELLED; its seats go to the waitlist first. */
public final class CancelOrderHttpHandler extends HttpHandler {
    private final CancelOrder cancelOrder;

    public CancelOrderHttpHandler() {
        this(TicketsWiring.cancelOrder());
    }

    public CancelOrderHttpHandler(CancelOrder cancelOrder) {
        this.cancelOrder = cancelOrder;
    }

    @Override
    protected Response handle(Request request) {
        Caller caller = request.caller();
        return Response.json(200, ShowAnswer.order(
                cancelOrder.cancel(request.serverId("orderId"), caller.userId(), caller.isAdmin())));
    }
}
