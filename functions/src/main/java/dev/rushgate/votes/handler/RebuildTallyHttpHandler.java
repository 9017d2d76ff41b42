package dev.rushgate.votes.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.votes.VotesWiring;
import dev.rushgate.votes.domain.RebuildTally;

/**
 * {@code POST /v1/admin/polls/{pollId}/rebuild}: recomputes the poll's PostgreSQL tallies from the votes stored
 * in DynamoDB and reports every difference it found (an extension of the contract).
 */
public final class RebuildTallyHttpHandler extends HttpHandler {
    private final RebuildTally rebuildTally;

    public RebuildTallyHttpHandler() {
        this(VotesWiring.rebuildTally());
    }

    public RebuildTallyHttpHandler(RebuildTally rebuildTally) {
        this.rebuildTally = rebuildTally;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        return Response.json(200, rebuildTally.rebuild(request.adminId("pollId")));
    }
}
