package dev.rushgate.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * Natural batching ("group commit") of concurrent calls that share a key: a call finding nothing in flight
 * for its key runs at once, alone; calls arriving while one is in flight wait, and when it returns they run
 * together as one batch, and so on. A lone caller waits for nothing, so in Lambda, where one environment
 * serves one request at a time, every batch is of one; under concurrency one round trip serves many.
 *
 * <p>Invariants: at most one batch per key is in flight; every caller gets the answer at its own index of
 * the batch it ran in, or that batch's failure; batches hold at most {@code maxBatch} calls, in arrival order.
 * The caller whose batch is next runs it on its own thread, so the one that just finished returns at once.
 *
 * @param <K> what calls must share to run together (for Redis: one hash tag)
 * @param <T> one call's question
 * @param <R> one call's answer
 */
public final class GroupCommit<K, T, R> {

    private final BiFunction<K, List<T>, List<R>> run;
    private final int maxBatch;
    // one small lane per key ever seen (a room), kept: a lane made and dropped per call would cost a lone caller
    private final Map<K, Lane<T, R>> lanes = new ConcurrentHashMap<>();

    /** {@code run} answers a batch of one key in its order, one answer per question. */
    public GroupCommit(int maxBatch, BiFunction<K, List<T>, List<R>> run) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1");
        this.maxBatch = maxBatch;
        this.run = run;
    }

    /** The answer to {@code question}, run alone or with the other calls of {@code key} waiting with it. */
    public R call(K key, T question) {
        Lane<T, R> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
        Waiter<T, R> waiter = lane.join(question);
        if (waiter == null) return runAndHandOff(key, lane, List.of(new Waiter<>(question)));
        return switch (waiter.outcome.join()) {
            case Outcome.Answered<R> answered -> answered.answer();
            case Outcome.Failed<R> failed -> throw unchecked(failed.cause());
            case Outcome.Lead<R> lead -> runAndHandOff(key, lane, waiter.batch);
        };
    }

    /** How many calls of {@code key} wait behind the one in flight (what tests wait for). */
    int waiting(K key) {
        Lane<T, R> lane = lanes.get(key);
        return lane == null ? 0 : lane.waitingCount();
    }

    /**
     * Runs {@code batch}, whose first caller is this thread's, answers the others, hands the next batch to
     * its first caller, and returns this thread's answer.
     */
    private R runAndHandOff(K key, Lane<T, R> lane, List<Waiter<T, R>> batch) {
        try {
            List<R> answers;
            try {
                answers = run.apply(key, batch.stream().map(w -> w.question).toList());
                if (answers.size() != batch.size()) {
                    throw new IllegalStateException(answers.size() + " answers to " + batch.size() + " questions");
                }
            } catch (RuntimeException | Error e) {
                for (int i = 1; i < batch.size(); i++) batch.get(i).outcome.complete(new Outcome.Failed<>(e));
                throw e;
            }
            for (int i = 1; i < batch.size(); i++) batch.get(i).outcome.complete(new Outcome.Answered<>(answers.get(i)));
            return answers.get(0);
        } finally {
            List<Waiter<T, R>> next = lane.next(maxBatch);
            if (!next.isEmpty()) {
                Waiter<T, R> leader = next.get(0);
                leader.batch = next;
                leader.outcome.complete(new Outcome.Lead<>());
            }
        }
    }

    /** What a waiting caller is told: its answer, its batch's failure, or that it runs the next batch. */
    private sealed interface Outcome<R> {
        record Answered<R>(R answer) implements Outcome<R> {}

        record Failed<R>(Throwable cause) implements Outcome<R> {}

        record Lead<R>() implements Outcome<R> {}
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof Error error) throw error;
        return (RuntimeException) cause;
    }

    private static final class Waiter<T, R> {
        final T question;
        final CompletableFuture<Outcome<R>> outcome = new CompletableFuture<>();
        /** The batch this waiter runs, set before it is told to lead (the future's completion publishes it). */
        List<Waiter<T, R>> batch;

        Waiter(T question) {
            this.question = question;
        }
    }

    /** One key's state: whether a batch is in flight, and who waits for the next. */
    private static final class Lane<T, R> {
        // a lock, not synchronized: Java 21 pins a virtual thread that blocks inside synchronized
        private final ReentrantLock lock = new ReentrantLock();
        private final ArrayList<Waiter<T, R>> waiting = new ArrayList<>();
        private boolean busy;

        /** Null when the caller may run at once (the lane is now busy); else its place in the queue. */
        Waiter<T, R> join(T question) {
            lock.lock();
            try {
                if (!busy) {
                    busy = true;
                    return null;
                }
                Waiter<T, R> waiter = new Waiter<>(question);
                waiting.add(waiter);
                return waiter;
            } finally {
                lock.unlock();
            }
        }

        int waitingCount() {
            lock.lock();
            try {
                return waiting.size();
            } finally {
                lock.unlock();
            }
        }

        /** The next batch, oldest first; empty, and the lane idle, when nobody waits. */
        List<Waiter<T, R>> next(int maxBatch) {
            lock.lock();
            try {
                if (waiting.isEmpty()) {
                    busy = false;
                    return List.of();
                }
                int n = Math.min(maxBatch, waiting.size());
                List<Waiter<T, R>> batch = new ArrayList<>(waiting.subList(0, n));
                waiting.subList(0, n).clear();
                return batch;
            } finally {
                lock.unlock();
            }
        }
    }
}
