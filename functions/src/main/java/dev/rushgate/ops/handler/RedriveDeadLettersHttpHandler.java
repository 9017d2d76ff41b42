package dev.rushgate.ops.handler;

import dev.rushgate.ops.OpsWiring;
import dev.rushgate.ops.domain.DeadLetters;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/**
 * {@code POST /v1/admin/dead-letters/{name}/redrive}: starts sending a queue's dead letters back for another try;
 * 202, as the move runs on (the dead-letter view shows its progress).
 */
public final class RedriveDeadLettersHttpHandler extends HttpHandler {
    private final DeadLetters deadLetters;

    public RedriveDeadLettersHttpHandler() {
        this(OpsWiring.deadLetters());
    }

    public RedriveDeadLettersHttpHandler(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        return Response.json(202, deadLetters.redrive(request.adminId("name")));
    }
}
