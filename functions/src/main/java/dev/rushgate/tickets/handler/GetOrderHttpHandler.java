package dev.rushgate.tickets.handler;

import dev.rushgate.platform.http.Caller;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.ViewOrder;

/** {@code GET /v1/orders/{orderId}}: the order, for its owner or an admin. */
public final class GetOrderHttpHandler extends HttpHandler {
    private final ViewOrder viewOrder;

    public GetOrderHttpHandler() {
        this(TicketsWiring.viewOrder());
    }

    public GetOrderHttpHandler(ViewOrder viewOrder) {
        this.viewOrder = viewOrder;
    }

    @Override
    protected Response handle(Request request) {
        Caller caller = request.caller();
        return Response.json(200, ShowAnswer.order(
                viewOrder.view(request.serverId("orderId"), caller.userId(), caller.isAdmin())));
    }
}
