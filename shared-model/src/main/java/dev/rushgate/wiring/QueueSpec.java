package dev.rushgate.wiring;

import java.util.Objects;

/**
 * An SQS queue, in one of two roles.
 * <ul>
 *   <li>{@link Role#WORK}: consumed by a function, with a dead-letter queue ({@code id + "-dlq"}). A message that
 *       fails {@code maxReceiveCount} times moves to the DLQ, where the admin API can see and redrive it.</li>
 *   <li>{@link Role#FAILURES}: the on-failure destination of a Kafka or DynamoDB-stream consumer. Nothing consumes
 *       it and it has no redrive policy of its own: looking at it (a receive) can never move a message on, so it is
 *       where failures end, listed by the dead-letter view and kept for the longest SQS allows.</li>
 * </ul>
 * A DLQ and a failure queue both keep messages {@link #KEEP_SECONDS} (14 days, SQS's most).
 */
public record QueueSpec(String id, Role role, int visibilityTimeoutSeconds, int maxReceiveCount) {
    /** 14 days: how long dead letters and failures wait for an operator. */
    public static final int KEEP_SECONDS = 14 * 24 * 3600;

    public enum Role { WORK, FAILURES }

    public QueueSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        if (visibilityTimeoutSeconds < 1 || visibilityTimeoutSeconds > 43_200) {
            throw new IllegalArgumentException("visibilityTimeoutSeconds 1..43200");
        }
        if (maxReceiveCount < 1 || maxReceiveCount > 1000) throw new IllegalArgumentException("maxReceiveCount 1..1000");
    }

    /** A work queue with its dead-letter queue. */
    public QueueSpec(String id, int visibilityTimeoutSeconds, int maxReceiveCount) {
        this(id, Role.WORK, visibilityTimeoutSeconds, maxReceiveCount);
    }

    /** A failure queue: terminal, no dead-letter queue, no redrive policy (receive counts move nothing). */
    public static QueueSpec failures(String id) {
        return new QueueSpec(id, Role.FAILURES, 30, 1);
    }

    public boolean hasDeadLetterQueue() {
        return role == Role.WORK;
    }

    /** The id of this work queue's dead-letter queue. */
    public String dlqId() {
        if (!hasDeadLetterQueue()) throw new IllegalStateException(id + " is a failure queue: it has no dead-letter queue");
        return id + "-dlq";
    }
}
