package dev.rushgate.ops.handler;

import dev.rushgate.ops.OpsWiring;
import dev.rushgate.ops.domain.DeadLetters;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

/** {@code POST /v1/admin/dead-letters/{name}/redrive}: sends a queue's dead letters back for another try. */
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
        return Response.json(200, deadLetters.redrive(request.adminId("name")));
    }
}
