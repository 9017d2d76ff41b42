package dev.rushgate.localstack.events;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One watcher for the pollers of one queue while it is empty. Each poller long-polls an empty queue once a second
 * (short polls keep a stop prompt), and each of those receives costs the queue engine CPU whether or not anything
 * arrives: ten idle pollers were about 4 s of ElasticMQ's CPU a minute. So when a receive comes back empty, the first
 * poller to see that keeps watching and the others wait, asking nothing, until the watcher receives messages and wakes
 * them, or it stops and one of them takes its place.
 *
 * <p>Nothing is delayed by more than a wake-up: the watcher hands its batch to its handler as before, and the woken
 * pollers receive the rest at once. Lambda's own event source keeps polling with all its pollers; this is the local
 * stack's economy, not a model of it.
 */
final class IdleWatch {
    /** How long a waiting poller sleeps before it looks again whether it should still wait. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private Object watcher;
    private long wakes;

    /** {@code poller}'s receive came back empty: it watches the queue, unless another poller already does. */
    synchronized void idle(Object poller) {
        if (watcher == null) watcher = poller;
    }

    /**
     * A poller received messages: the queue is busy, and every waiting poller polls again. Counted, so that a waiting
     * poller wakes even when the next empty receive has already made a watcher again.
     */
    synchronized void busy() {
        if (watcher == null) return;
        watcher = null;
        wakes++;
        notifyAll();
    }

    /**
     * Waits while another poller watches the queue, until it receives messages or stops, or {@code running} turns
     * false. An interrupt (a kill) ends the wait at once, with the interrupt kept.
     */
    synchronized void await(Object poller, BooleanSupplier running) {
        long seen = wakes;
        try {
            while (running.getAsBoolean() && wakes == seen && watcher != null && watcher != poller) {
                wait(RECHECK.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wakes every waiting poller, to look again whether it should still wait (a poller is stopping). */
    synchronized void wake() {
        notifyAll();
    }

    /** {@code poller} stops: if it was watching, another takes its place. */
    synchronized void leave(Object poller) {
        if (watcher != poller) return;
        watcher = null;
        notifyAll();
    }
}
