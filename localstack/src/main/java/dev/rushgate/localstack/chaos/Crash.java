package dev.rushgate.localstack.chaos;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fault of the SIGKILL scenarios: a stack on a data directory, a crowd under way, every process of the stack
 * killed at once, and a new stack started on the same directory. The API client is moved to the new stack.
 */
final class Crash implements AutoCloseable {
    private final Scenario.Run run;
    private final String name;
    private final Path data;
    private Stack stack;
    private Instant killedAt;

    Crash(Scenario.Run run, String name) {
        this(run, name, List.of());
    }

    private final List<String> args;

    /** {@code args}: more options for both stacks (the short runs' {@code --visibility-timeout}). */
    Crash(Scenario.Run run, String name, List<String> args) {
        this.args = args;
        this.run = run;
        this.name = name;
        this.data = run.path(name + "-data");
    }

    Stack start() throws IOException, InterruptedException {
        stack = Stack.start(run.path(name + "-1.log"), Optional.of(data), args);
        return stack;
    }

    /** Lets the crowd run for {@code after}, kills the whole stack, stops the crowd, and starts the stack again. */
    Stack killAndRestart(Crowd crowd, Duration after, Api api) throws IOException, InterruptedException {
        Thread.sleep(after.toMillis());
        killedAt = Instant.now();
        long began = System.nanoTime();
        stack.killAll();
        long killed = System.nanoTime();
        crowd.stop();
        long stopped = System.nanoTime();
        stack = Stack.start(run.path(name + "-2.log"), Optional.of(data), args);
        api.moveTo(stack.url());
        System.out.printf(java.util.Locale.ROOT, "   killed the whole stack (%d ms), crowd stopped (%d ms), healthy "
                        + "again on the same data (%d ms)%n", (killed - began) / 1_000_000,
                (stopped - killed) / 1_000_000, (System.nanoTime() - stopped) / 1_000_000);
        return stack;
    }

    /** The stack now running (the restarted one after {@link #killAndRestart}). */
    Stack stack() {
        return stack;
    }

    Instant killedAt() {
        return killedAt;
    }

    @Override
    public void close() throws InterruptedException {
        if (stack != null) stack.close();
    }
}
