package dev.rushgate.votes.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.votes.VotesWiring;
import dev.rushgate.votes.domain.ViewTally;

/** {@code GET /v1/polls/{pollId}/tally}: accepted and per-option votes from the cache, persisted from PostgreSQL. */
public final class GetTallyHttpHandler extends HttpHandler {
    private final ViewTally viewTally;

    public GetTallyHttpHandler() {
        this(VotesWiring.viewTally());
    }

    public GetTallyHttpHandler(ViewTally viewTally) {
        this.viewTally = viewTally;
    }

    @Override
    protected Response handle(Request request) {
        request.caller();
        return Response.json(200, viewTally.view(request.adminId("pollId")));
    }
}
