package dev.rushgate.votes.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.votes.VotesWiring;
import dev.rushgate.votes.domain.ClosePoll;

/** {@code POST /v1/admin/polls/{pollId}/close}: the poll's window ends now; answers the audit entry. */
public final class ClosePollHttpHandler extends HttpHandler {
    private final ClosePoll closePoll;

    public ClosePollHttpHandler() {
        this(VotesWiring.closePoll());
    }

    public ClosePollHttpHandler(ClosePoll closePoll) {
        this.closePoll = closePoll;
    }

    @Override
    protected Response handle(Request request) {
        String who = request.admin().userId();
        return Response.json(200, closePoll.close(who, request.adminId("pollId")));
    }
}
