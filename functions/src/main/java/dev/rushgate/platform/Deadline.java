package dev.rushgate.platform;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When work must be done by: a consumer's share of its Lambda's remaining time. The consumer sets one around each
 * record ({@link #within}); an adapter that calls out (the payment provider) bounds its waits and retries by
 * {@link #current}, so a provider that hangs cannot run the invocation past its timeout and lose the batch report.
 */
public final class Deadline {
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final long endsAtNanos;

    private Deadline(long endsAtNanos) {
        this.endsAtNanos = endsAtNanos;
    }

    public static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    /** What is left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endsAtNanos - System.nanoTime()));
    }

    /** True once no time is left. */
    public boolean passed() {
        return endsAtNanos - System.nanoTime() <= 0;
    }

    /**
     * Throws {@link Exceeded} when the calling thread works under a deadline that has passed: a step about to wait
     * on the network calls this first, so that nothing new starts once the consumer's time is up.
     */
    public static void check(String step) {
        Deadline deadline = CURRENT.get();
        if (deadline != null && deadline.passed()) throw new Exceeded(step);
    }

    /** A step not started, or cut short, because the consumer's deadline passed; the record is retried. */
    public static final class Exceeded extends RuntimeException {
        public Exceeded(String step) {
            super(step + ": out of time", null, false, false);
        }
    }

    /** This deadline brought forward by {@code margin}. */
    public Deadline minus(Duration margin) {
        return new Deadline(endsAtNanos - margin.toNanos());
    }

    /** Runs {@code work} with this as the {@link #current} deadline of the calling thread. */
    public <T> T within(Supplier<T> work) {
        Deadline outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) CURRENT.remove();
            else CURRENT.set(outer);
        }
    }

    /** The deadline the calling thread works under, if a consumer set one. */
    public static Optional<Deadline> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
