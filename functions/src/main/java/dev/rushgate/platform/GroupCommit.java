package dev.rushgate.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * Natural batching ("group commit") of concurrent calls that share a key: a call finding nothing in flight
 * for its key is sent at once, alone; calls arriving while one is in flight wait, and when it returns they
 * are sent together as one batch, and so on. A lone caller waits for nothing, so in Lambda, where one
 * environment serves one request at a time, every batch is of one; under concurrency one round trip serves
 * many.
 *
 * <p>Invariants: at most one batch per key is in flight; every caller gets the answer at its own index of
 * the batch it went in, or that batch's failure; batches hold at most {@code maxBatch} calls, in arrival
 * order. The next batch is sent by whichever thread completes the one before (for Redis, the client's I/O
 * thread), as soon as it does: a caller woken to send it would first wait its turn for a CPU behind every
 * other runnable request, and the key's round trips would stall meanwhile.
 *
 * @param <K> what calls must share to go together (for Redis: one hash tag)
 * @param <T> one call's question
 * @param <R> one call's answer
 */
public final class GroupCommit<K, T, R> {

    private final BiFunction<K, List<T>, CompletionStage<List<R>>> send;
    private final int maxBatch;
    // one small lane per key ever seen (a room), kept: a lane made and dropped per call would cost a lone caller
    private final Map<K, Lane<T, R>> lanes = new ConcurrentHashMap<>();

    /**
     * {@code send} starts a batch of one key and completes with one answer per question, in their order. It
     * should not block: it runs on the caller's thread for a lone call and on the completing thread after.
     */
    public GroupCommit(int maxBatch, BiFunction<K, List<T>, CompletionStage<List<R>>> send) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1");
        this.maxBatch = maxBatch;
        this.send = send;
    }

    /** The answer to {@code question}, sent alone or with the other calls of {@code key} waiting with it. */
    public R call(K key, T question) {
        Lane<T, R> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
        Waiter<T, R> waiter = new Waiter<>(question);
        if (lane.join(waiter)) send(key, lane, List.of(waiter));
        try {
            return waiter.answer.join();
        } catch (CompletionException e) {
            throw unchecked(e.getCause());
        }
    }

    /** How many calls of {@code key} wait behind the one in flight (what tests wait for). */
    int waiting(K key) {
        Lane<T, R> lane = lanes.get(key);
        return lane == null ? 0 : lane.waitingCount();
    }

    /** Sends {@code batch}; when it completes, answers its callers and sends the next batch, if any. */
    private void send(K key, Lane<T, R> lane, List<Waiter<T, R>> batch) {
        CompletionStage<List<R>> answers;
        try {
            answers = send.apply(key, batch.stream().map(w -> w.question).toList());
        } catch (RuntimeException | Error e) {
            answers = CompletableFuture.failedFuture(e);
        }
        answers.whenComplete((list, failure) -> {
            try {
                answer(batch, list, failure);
            } finally {
                List<Waiter<T, R>> next = lane.next(maxBatch);
                if (!next.isEmpty()) send(key, lane, next);
            }
        });
    }

    private static <T, R> void answer(List<Waiter<T, R>> batch, List<R> answers, Throwable failure) {
        if (failure == null && answers.size() != batch.size()) {
            failure = new IllegalStateException(answers.size() + " answers to " + batch.size() + " questions");
        }
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            for (Waiter<T, R> waiter : batch) waiter.answer.completeExceptionally(cause);
            return;
        }
        for (int i = 0; i < batch.size(); i++) batch.get(i).answer.complete(answers.get(i));
    }

    private static RuntimeException unchecked(Throwable cause) {
        if (cause instanceof Error error) throw error;
        if (cause instanceof RuntimeException runtime) return runtime;
        return new IllegalStateException(cause);
    }

    private record Waiter<T, R>(T question, CompletableFuture<R> answer) {
        Waiter(T question) {
            this(question, new CompletableFuture<>());
        }
    }

    /** One key's state: whether a batch is in flight, and who waits for the next. */
    private static final class Lane<T, R> {
        // a lock, not synchronized: Java 21 pins a virtual thread that blocks inside synchronized
        private final ReentrantLock lock = new ReentrantLock();
        private final ArrayList<Waiter<T, R>> waiting = new ArrayList<>();
        private boolean busy;

        /** True when the caller is to send at once (the lane is now busy); else it is queued for the next batch. */
        boolean join(Waiter<T, R> waiter) {
            lock.lock();
            try {
                if (!busy) {
                    busy = true;
                    return true;
                }
                waiting.add(waiter);
                return false;
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
