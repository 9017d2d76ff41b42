package dev.rushgate.ops.handler;

import dev.rushgate.ops.OpsWiring;
import dev.rushgate.ops.domain.DeadLetters;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.util.Map;

/** {@code GET /v1/admin/dead-letters}: per declared queue or topic, how many failed and a few of them. */
public final class ListDeadLettersHttpHandler extends HttpHandler {
    private final DeadLetters deadLetters;

    public ListDeadLettersHttpHandler() {
        this(OpsWiring.deadLetters());
    }

    public ListDeadLettersHttpHandler(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        return Response.json(200, Map.of("deadLetters", deadLetters.list()));
    }
}
