package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;

import java.util.concurrent.CompletableFuture;

/** The durable stream of accepted votes (Kafka topic {@code votes}, keyed by poll id). */
public interface VoteStream {

    /**
     * Starts appending the vote. The future completes once the stream holds it, and exceptionally when that is
     * not certain within a bounded time (the vote may still arrive: the consumer is idempotent by vote id).
     * Concurrent appends travel together, so callers should not wait one by one.
     */
    CompletableFuture<Void> append(VoteAccepted vote);
}
