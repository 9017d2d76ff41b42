package dev.rushgate.votes.handler;

import dev.rushgate.votes.domain.Poll;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** The body of {@code PUT /v1/admin/polls/{pollId}}; the poll validates itself. */
record PollTerms(String question, List<Poll.Option> options, Instant opensAt, Instant closesAt,
                 List<Poll.AlertRule> alerts, String roomId, URI webhookUrl, String ownerId) {

    Poll toPoll(String pollId) {
        return new Poll(pollId, question, options, opensAt, closesAt, alerts, roomId, webhookUrl, ownerId);
    }
}
