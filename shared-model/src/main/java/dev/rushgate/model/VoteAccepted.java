package dev.rushgate.model;

/**
 * A vote the hot path accepted, on its way to durable storage through the Kafka topic {@code votes} (keyed by
 * {@code pollId}). Consumers are idempotent by {@code voteId}: the same event delivered twice is counted once.
 *
 * @param acceptedAt     epoch milliseconds at which Redis accepted it
 * @param idempotencyKey the caller's {@code Idempotency-Key}, or null: stored with the vote, so a poll the cache lost
 *                       is rebuilt with it and a replay with the key still gets its vote back
 */
public record VoteAccepted(String pollId, String voteId, String userId, String optionId, long acceptedAt,
                           String idempotencyKey) {
    public VoteAccepted {
        if (pollId == null || pollId.isBlank()) throw new IllegalArgumentException("pollId");
        if (voteId == null || voteId.isBlank()) throw new IllegalArgumentException("voteId");
        if (userId == null || userId.isBlank()) throw new IllegalArgumentException("userId");
        if (optionId == null || optionId.isBlank()) throw new IllegalArgumentException("optionId");
        if (acceptedAt <= 0) throw new IllegalArgumentException("acceptedAt");
        if (idempotencyKey != null && idempotencyKey.isEmpty()) idempotencyKey = null;
    }

    /** A vote cast without an {@code Idempotency-Key}. */
    public VoteAccepted(String pollId, String voteId, String userId, String optionId, long acceptedAt) {
        this(pollId, voteId, userId, optionId, acceptedAt, null);
    }
}
