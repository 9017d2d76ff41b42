package dev.rushgate.votes.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.votes.VotesWiring;
import dev.rushgate.votes.domain.DefinePoll;
import dev.rushgate.votes.domain.Poll;

/** {@code PUT /v1/admin/polls/{pollId}}: creates (201) or updates (200) a poll; answers its terms. */
public final class PutPollHttpHandler extends HttpHandler {
    private final DefinePoll definePoll;

    public PutPollHttpHandler() {
        this(VotesWiring.definePoll());
    }

    public PutPollHttpHandler(DefinePoll definePoll) {
        this.definePoll = definePoll;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        Poll poll = request.body(PollTerms.class).toPoll(request.adminId("pollId"));
        boolean created = definePoll.define(poll);
        return Response.json(created ? 201 : 200, poll);
    }
}
