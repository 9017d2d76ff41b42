package dev.rushgate.localstack.chaos;

import dev.rushgate.localstack.bench.StackProcess;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A local stack in a process of its own ({@link StackProcess}), with what the fault suite needs on top: where its
 * engines listen (read from what it printed, as a person would), and a SIGKILL of the whole stack, its JVM and the
 * Redis and PostgreSQL processes under it, as a crash of every process would do.
 */
final class Stack implements AutoCloseable {
    private static final List<String> ENGINE_PID_FILES = List.of("redis/redis.pid", "postgres/postmaster.pid");

    private final StackProcess process;
    private final Path log;
    private final Optional<Path> data;

    private Stack(StackProcess process, Path log, Optional<Path> data) {
        this.process = process;
        this.log = log;
        this.data = data;
    }

    /**
     * Starts a stack logging to {@code log}, on {@code data} when given (else fresh, in memory). No scenario uses the
     * feed, so its stacks leave it out (and with it the search node, seconds of CPU at every start of a suite that
     * starts a dozen stacks).
     */
    static Stack start(Path log, Optional<Path> data, List<String> extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(extra);
        args.addAll(List.of("--features", String.join(",", dev.rushgate.wiring.Rushgate.declaration().features()
                .stream().filter(f -> !f.equals("feed")).toList())));
        data.ifPresent(d -> args.addAll(List.of("--data", d.toString())));
        return new Stack(StackProcess.start(log, args), log, data);
    }

    URI url() {
        return process.url();
    }

    String printed(String regex) throws IOException, InterruptedException {
        return process.printed(regex);
    }

    URI sqs() throws IOException, InterruptedException {
        return URI.create(printed("sqs\\s+(http://\\S+)"));
    }

    String redis() throws IOException, InterruptedException {
        return process.redis();
    }

    String kafka() throws IOException, InterruptedException {
        return printed("kafka\\s+(\\S+)");
    }

    /**
     * SIGKILL of the stack's JVM, then at once of Redis and of PostgreSQL with its backends (found through the pid
     * files in the data directory): nothing is told, nothing flushes.
     */
    void killAll() throws IOException, InterruptedException {
        List<ProcessHandle> engines = new ArrayList<>();
        if (data.isPresent()) {
            for (String file : ENGINE_PID_FILES) {
                Path pidFile = data.get().resolve(file);
                if (!Files.exists(pidFile)) continue;
                long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
                ProcessHandle.of(pid).ifPresent(h -> {
                    engines.add(h);
                    engines.addAll(h.descendants().toList());
                });
            }
        }
        process.kill();
        engines.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : engines) {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // reported below if it is still alive
            }
        }
        for (ProcessHandle h : engines) {
            if (h.isAlive()) throw new IOException("engine process " + h.pid() + " outlived SIGKILL");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
