package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;

/** The durable stream of accepted votes (Kafka topic {@code votes}, keyed by poll id). */
public interface VoteStream {

    /**
     * Appends the vote and returns once the stream holds it; throws when that is not certain within a
     * bounded time (the vote may still arrive: the consumer is idempotent by vote id).
     */
    void append(VoteAccepted vote);
}
