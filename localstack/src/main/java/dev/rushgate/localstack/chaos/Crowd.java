package dev.rushgate.localstack.chaos;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code callers} threads that each take the next client and run its journey, until every client has had one or the
 * crowd is stopped. A journey records what it was told in the {@link Ledger}; a request left unanswered (the stack
 * died) is recorded as {@link Ledger#NO_ANSWER} by the journey itself.
 */
final class Crowd {
    /** One client's part in the rush. */
    interface Journey {
        void run(String client) throws IOException, InterruptedException;
    }

    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> threads;

    private Crowd(List<String> clients, int callers, Journey journey) {
        this.threads = java.util.stream.IntStream.range(0, callers).mapToObj(i -> Thread.ofPlatform()
                .name("chaos-crowd-" + i).daemon().start(() -> {
                    while (!stopped.get()) {
                        int n = next.getAndIncrement();
                        if (n >= clients.size()) return;
                        try {
                            journey.run(clients.get(n));
                        } catch (InterruptedException e) {
                            return;
                        } catch (IOException | RuntimeException e) {
                            // the journey recorded what it could; an unanswered request is the expected fault here
                        }
                    }
                })).toList();
    }

    static Crowd start(List<String> clients, int callers, Journey journey) {
        return new Crowd(clients, callers, journey);
    }

    /** Clients that have started their journey so far. */
    int started() {
        return Math.min(next.get(), Integer.MAX_VALUE);
    }

    /** Stops handing out clients and waits (bounded) for journeys under way to end. */
    void stop() throws InterruptedException {
        stopped.set(true);
        join();
    }

    /** Waits (at most 120 s) until every journey has ended. */
    void join() throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (Thread t : threads) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left > 0) t.join(left);
        }
    }
}
