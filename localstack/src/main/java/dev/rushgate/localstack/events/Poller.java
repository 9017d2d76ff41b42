package dev.rushgate.localstack.events;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every local event-source poller shares: a thread of its own that polls while {@link #running()};
 * {@link #close()} lets the batch in hand finish, {@link #kill()} abandons it as a crashed Lambda would,
 * so its records are delivered again.
 */
public abstract class Poller implements AutoCloseable {

    /** How long a kill waits for an acknowledgement under way (one that hangs does not hold the kill for ever). */
    static final Duration ACKNOWLEDGEMENT_WAIT = Duration.ofSeconds(5);

    private final Thread thread;
    private final ReentrantLock acknowledging = new ReentrantLock();
    private volatile boolean running;
    private volatile boolean killed;
    private volatile boolean handling;

    protected Poller(String threadName) {
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::poll);
    }

    /** Starts polling on its own thread. */
    public void start() {
        running = true;
        thread.start();
    }

    /** Stops after the batch in hand is handled and acknowledged. */
    @Override
    public void close() {
        running = false;
        stopping();
        join();
    }

    /**
     * Stops at once, like a crashed Lambda: the batch in hand is neither finished nor acknowledged. An
     * acknowledgement already under way finishes first (it came before the crash); none starts after this returns.
     */
    public void kill() {
        // Killed first, so no acknowledgement starts from here on (they check it under the lock); then the lock,
        // only to wait for one that had already started. Setting it after taking the lock would let the poller take
        // the lock back for its next acknowledgement before the kill got it.
        killed = true;
        try {
            if (acknowledging.tryLock(ACKNOWLEDGEMENT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) acknowledging.unlock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        interruptPolling();
        thread.interrupt();
        join();
    }

    protected final boolean running() {
        return running;
    }

    /** True once {@link #kill()} was called: nothing of the batch in hand may be acknowledged any more. */
    protected final boolean killed() {
        return killed;
    }

    /**
     * Acknowledges (deletes, commits) unless killed, atomically with respect to {@link #kill()}: a check of
     * {@link #killed()} followed by the acknowledgement would let a kill that falls between the two acknowledge a
     * batch that a crashed Lambda never would have. @return false when killed, and nothing was acknowledged
     */
    protected final boolean acknowledge(Runnable acknowledgement) {
        acknowledging.lock();
        try {
            if (killed) return false;
            acknowledgement.run();
            return true;
        } finally {
            acknowledging.unlock();
        }
    }

    /** True while the handler is running on a batch: what a kill "mid-batch" waits for. */
    public final boolean handling() {
        return handling;
    }

    /** Runs the handler on a batch, so that {@link #handling()} says so meanwhile. */
    protected final <T> T handle(java.util.function.Supplier<T> handlerCall) {
        handling = true;
        try {
            return handlerCall.get();
        } finally {
            handling = false;
        }
    }

    /** For a poller that finds it can no longer go on. */
    protected final void stopRunning() {
        running = false;
    }

    /** The loop: poll, hand batches to the handler, acknowledge; until {@link #running()} is false. */
    protected abstract void poll();

    /** How long a batch in hand may take to finish, so {@link #close()} waits no longer. */
    protected abstract Duration longestBatch();

    /** Wakes a poll that blocks where an interrupt does not reach. */
    protected void interruptPolling() {
    }

    /** Told by {@link #close()} that {@link #running()} is now false: wakes a wait between polls, which need not last. */
    protected void stopping() {
    }

    private void join() {
        if (!thread.isAlive()) return;
        try {
            thread.join(longestBatch().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
