package dev.rushgate.ops.domain;

import java.util.List;
import java.util.Optional;

/**
 * The queues dead letters wait in, by declared queue id. None of them has a redrive policy of its own, so a look
 * (a receive) never moves a message on.
 */
public interface DeadLetterQueues {

    /** About how many messages wait in the queue, counted from its attributes, not by receiving (SQS counts are approximate). */
    long count(String queueId);

    /** Up to {@code max} waiting messages, left in the queue and visible to the next look. */
    List<DeadLetter> sample(String queueId, int max);

    /**
     * Starts moving every message of dead-letter queue {@code fromQueueId} to the end of {@code toQueueId}, in the
     * background, as SQS's StartMessageMoveTask does (each message is sent before it is deleted: consumers are
     * idempotent, so a copy too many is harmless and none is lost).
     *
     * @throws MoveInProgress when a move out of that queue is already running (SQS allows one per queue)
     */
    Move startMove(String fromQueueId, String toQueueId);

    /** The most recent move out of the queue, running or ended, if there was one. */
    Optional<Move> latestMove(String fromQueueId);

    /**
     * A move of dead letters back to their queue.
     *
     * @param status        RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED, as SQS names them
     * @param moved         about how many have been moved
     * @param toMove        about how many were there to move when it started
     * @param startedAt     epoch milliseconds
     * @param failureReason why it failed, when it did
     */
    record Move(String status, long moved, long toMove, long startedAt, String failureReason) {
        public boolean running() {
            return status.equals("RUNNING") || status.equals("CANCELLING");
        }
    }

    /** A move out of the queue is still running. */
    final class MoveInProgress extends RuntimeException {
        public MoveInProgress(String queueId) {
            super("a move out of " + queueId + " is running");
        }
    }
}
