package dev.rushgate.ops.domain;

import java.util.List;

/** The queues dead letters wait in, by declared queue id. */
public interface DeadLetterQueues {

    /** About how many messages wait in the queue (SQS counts are approximate). */
    long count(String queueId);

    /** Up to {@code max} waiting messages, left in the queue and visible to the next look. */
    List<DeadLetter> sample(String queueId, int max);

    /**
     * Moves up to {@code max} messages from one queue to the end of another: each is sent before it is
     * deleted, so a crash in between leaves a copy in both places, never in neither (consumers are idempotent).
     *
     * @return how many were moved
     */
    int move(String fromQueueId, String toQueueId, int max);
}
