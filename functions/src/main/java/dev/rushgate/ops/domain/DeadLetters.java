package dev.rushgate.ops.domain;

import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.NotFound;
import dev.rushgate.wiring.DeadLetterSource;

import java.util.List;

/**
 * The operator's view of what failed, per declared queue or topic, and the redrive that gives it another try
 * once the cause is fixed.
 */
public final class DeadLetters {
    /** Messages shown per source. */
    public static final int SAMPLE_SIZE = 3;
    /** Characters of a sample's body shown; the rest is cut. */
    public static final int SAMPLE_BODY_CHARS = 2_000;

    private final List<DeadLetterSource> sources;
    private final DeadLetterQueues queues;

    public DeadLetters(List<DeadLetterSource> sources, DeadLetterQueues queues) {
        this.sources = List.copyOf(sources);
        this.queues = queues;
    }

    public List<Summary> list() {
        return sources.stream()
                .map(s -> new Summary(s.name(), s.kind(), s.holdingQueue(), queues.count(s.holdingQueue()),
                        queues.sample(s.holdingQueue(), SAMPLE_SIZE),
                        s.kind() == DeadLetterSource.Kind.QUEUE ? queues.latestMove(s.holdingQueue()).orElse(null) : null))
                .toList();
    }

    /**
     * Starts sending a queue's dead letters back to it, in the background (the view shows the move and how far it
     * got); one move per queue at a time.
     */
    public Redriven redrive(String name) {
        DeadLetterSource source = sources.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFound("not-found", "No queue or topic named " + name + " has dead letters."));
        if (source.kind() == DeadLetterSource.Kind.TOPIC) {
            // The cloud's on-failure destination records where a failed batch was (topic, partition, offsets),
            // not its records, so sending "them" back means reading the topic again at those offsets.
            throw new Conflict("redrive-unsupported", "Failed batches of topic " + name + " are kept in "
                    + source.holdingQueue() + " for inspection; replay them from the topic's offsets.");
        }
        if (source.kind() == DeadLetterSource.Kind.STREAM) {
            // Likewise a stream's on-failure record names shard and sequence numbers, not the items' changes.
            throw new Conflict("redrive-unsupported", "Failed batches of the stream of table " + name + " are kept in "
                    + source.holdingQueue() + " for inspection; the items themselves are in the table.");
        }
        try {
            return new Redriven(name, queues.startMove(source.holdingQueue(), source.name()));
        } catch (DeadLetterQueues.MoveInProgress e) {
            throw new Conflict("redrive-in-progress", "A redrive of " + name + " is still running; "
                    + "GET /v1/admin/dead-letters shows how far it got.");
        }
    }

    /**
     * @param name   the queue or topic the messages came from
     * @param kind   queue or topic
     * @param queue  where they wait
     * @param count  about how many wait
     * @param sample a few of them
     * @param move   the latest redrive of a queue's dead letters, running or ended; null when there was none
     */
    public record Summary(String name, DeadLetterSource.Kind kind, String queue, long count, List<DeadLetter> sample,
                          DeadLetterQueues.Move move) {
    }

    /**
     * @param name the queue the dead letters are going back to
     * @param move the move just started
     */
    public record Redriven(String name, DeadLetterQueues.Move move) {
    }
}
