package dev.rushgate.tickets.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.Order;
import dev.rushgate.tickets.domain.PayForHold;

/** {@code POST /v1/holds/{holdId}/payment {"paymentToken"}}: 202 with the PENDING order (the same one when asked again). */
public final class PayForHoldHttpHandler extends HttpHandler {
    private final PayForHold payForHold;

    public PayForHoldHttpHandler() {
        this(TicketsWiring.payForHold());
    }

    public PayForHoldHttpHandler(PayForHold payForHold) {
        this.payForHold = payForHold;
    }

    record Body(String paymentToken) {}

    @Override
    protected Response handle(Request request) {
        String userId = request.userId();
        String holdId = request.serverId("holdId");
        Order order = payForHold.pay(holdId, userId, request.body(Body.class).paymentToken());
        return Response.json(202, ShowAnswer.order(order));
    }
}
