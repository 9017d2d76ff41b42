package dev.rushgate.votes.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.votes.VotesWiring;
import dev.rushgate.votes.domain.CastVote;
import dev.rushgate.votes.domain.CastVoteCommand;

import java.util.Map;

/**
 * {@code POST /v1/polls/{pollId}/votes {"optionId"}}: 202 {@code {"voteId"}}, or the 409/422 that says why not;
 * a poll behind a waiting room needs header {@code X-Admission-Token} (else 403 {@code not-admitted}).
 */
public final class CastVoteHttpHandler extends HttpHandler {
    private final CastVote castVote;

    public CastVoteHttpHandler() {
        this(VotesWiring.castVote());
    }

    public CastVoteHttpHandler(CastVote castVote) {
        this.castVote = castVote;
    }

    /** The body: the option voted for. */
    record Ballot(String optionId) {}

    @Override
    protected Response handle(Request request) {
        String pollId = request.adminId("pollId");
        String userId = request.userId();
        var command = new CastVoteCommand(pollId, userId, request.body(Ballot.class).optionId(),
                request.idempotencyKey().orElse(null), request.header("x-admission-token").orElse(null));
        return Response.json(202, Map.of("voteId", castVote.cast(command)));
    }
}
