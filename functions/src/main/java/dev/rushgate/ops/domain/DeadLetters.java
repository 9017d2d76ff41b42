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
    /** Failed stream batches replayed per redrive call: each is a few stream reads and a write per item. */
    public static final int REPLAY_BATCHES = 10;

    private final DeadLetterQueues queues;
    private final StreamReplay streams;

    public DeadLetters(List<DeadLetterSource> sources, DeadLetterQueues queues, StreamReplay streams) {
        this.sources = List.copyOf(sources);
        this.queues = queues;
        this.streams = streams;
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
     * got); one move per queue at a time. A stream's failed batches are replayed at once, {@value #REPLAY_BATCHES}
     * per call.
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
            // A stream's on-failure record names shard and sequence numbers: its items are written again instead.
            return new Redriven(name, null, streams.replay(source.name(), source.holdingQueue(), REPLAY_BATCHES));
        }
        try {
            return new Redriven(name, queues.startMove(source.holdingQueue(), source.name()), null);
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
     * @param name     the queue the dead letters are going back to, or the table whose stream's batches are replayed
     * @param move     the move just started (a queue's dead letters); null for a stream
     * @param replayed what a stream's replay did, at once; null for a queue
     */
    public record Redriven(String name, DeadLetterQueues.Move move, StreamReplay.Replayed replayed) {
    }
}
