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
    /** Most messages one redrive moves, so a call ends well within an API's timeout; call again for more. */
    public static final int REDRIVE_LIMIT = 1_000;

    private final List<DeadLetterSource> sources;
    private final DeadLetterQueues queues;

    public DeadLetters(List<DeadLetterSource> sources, DeadLetterQueues queues) {
        this.sources = List.copyOf(sources);
        this.queues = queues;
    }

    public List<Summary> list() {
        return sources.stream()
                .map(s -> new Summary(s.name(), s.kind(), s.holdingQueue(), queues.count(s.holdingQueue()),
                        queues.sample(s.holdingQueue(), SAMPLE_SIZE)))
                .toList();
    }

    /** Sends a queue's dead letters back to it, oldest first as the queue allows. */
    public Redriven redrive(String name) {
        DeadLetterSource source = sources.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFound("not-found", "No queue or topic named " + name + " has dead letters."));
        if (source.kind() == DeadLetterSource.Kind.TOPIC) {
            // The cloud's on-failure destination records where a failed batch was (topic, partition, offsets),
            // not its records, so sending "them" back means reading the topic again at those offsets.
            throw new Conflict("redrive-unsupported", "Failed batches of topic " + name + " are kept in "
                    + source.holdingQueue() + " for inspection; replay them from the topic's offsets.");
        }
        int moved = queues.move(source.holdingQueue(), source.name(), REDRIVE_LIMIT);
        return new Redriven(name, moved, queues.count(source.holdingQueue()));
    }

    /**
     * @param name   the queue or topic the messages came from
     * @param kind   queue or topic
     * @param queue  where they wait
     * @param count  about how many wait
     * @param sample a few of them
     */
    public record Summary(String name, DeadLetterSource.Kind kind, String queue, long count, List<DeadLetter> sample) {
    }

    /**
     * @param name      the queue they went back to
     * @param moved     how many went back
     * @param remaining about how many still wait (more than {@link #REDRIVE_LIMIT}: call again)
     */
    public record Redriven(String name, int moved, long remaining) {
    }
}
