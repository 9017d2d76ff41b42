package dev.rushgate.ops.handler;

import dev.rushgate.ops.OpsWiring;
import dev.rushgate.ops.domain.DeadLetters;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/**
 * {@code POST /v1/admin/dead-letters/{name}/redrive}: starts sending a queue's dead letters back for another try;
 * 202, as the move runs on (the dead-letter view shows its progress). For a table's stream, replays up to ten failed
 * batches at once: 200 with what it did.
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
        DeadLetters.Redriven redriven = deadLetters.redrive(request.adminId("name"));
        return Response.json(redriven.move() != null ? 202 : 200, redriven);
    }
}
