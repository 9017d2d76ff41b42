package dev.rushgate.localstack.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Finds and ends the engine processes that a stack which died (SIGKILL, OOM kill) left running on its data
 * directory: the PostgreSQL server, which {@code pg_ctl} detaches from the stack's JVM, and Redis, a child of the
 * JVM that outlives it unless its whole process group was killed. Each engine names its own process in a pid file
 * under its directory ({@code postmaster.pid}, {@code redis.pid}); both remove it when they stop cleanly.
 *
 * <p>Only called by the holder of the {@link DataDirLock}: no live stack uses the directory, so whatever runs on it
 * was left behind. A process is ended only if it is alive, its executable is the engine's and its working
 * directory is the engine's directory under DIR (both engines change to it at start), so a pid reused by an
 * unrelated process is never touched. Each engine is asked to stop cleanly first (SIGTERM: PostgreSQL's smart
 * shutdown, whose clients died with the stack; Redis flushes its append-only file), and killed after a bounded
 * wait, together with the processes it had started.
 */
final class Leftovers {
    private static final Duration POLITE_WAIT = Duration.ofSeconds(15);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private record Kind(String title, String executable, String subDir, String pidFile) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("PostgreSQL", "postgres", "postgres", "postmaster.pid"),
            new Kind("Redis", "redis", "redis", RedisEngine.PID_FILE));

    private Leftovers() {}

    /** Ends every leftover engine process of {@code dataDir}, telling {@code say} one line for each. */
    static List<String> end(Path dataDir, Consumer<String> say) {
        List<String> lines = new ArrayList<>();
        for (Kind kind : KINDS) {
            Path dir = dataDir.resolve(kind.subDir());
            pidIn(dir.resolve(kind.pidFile())).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                    .ifPresent(process -> {
                        String line = endIfOurs(kind, dir, process);
                        if (line != null) {
                            lines.add(line);
                            say.accept(line);
                        }
                    });
        }
        return List.copyOf(lines);
    }

    /** What was done, or null when the pid now belongs to something else. */
    private static String endIfOurs(Kind kind, Path dir, ProcessHandle process) {
        boolean named = process.info().command().map(c -> Path.of(c).getFileName().toString())
                .filter(c -> c.contains(kind.executable())).isPresent();
        Optional<Boolean> inDir = workingDirectoryIs(process, dir);
        if (!named || inDir.equals(Optional.of(false))) return null;
        if (inDir.isEmpty()) {
            return "rushgate: " + kind.title() + " pid " + process.pid() + " may be left by a stack that died, but "
                    + "this system does not say where it runs: end it by hand if the start fails";
        }
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.addFirst(process);
        process.destroy();
        if (!waitForExit(process, POLITE_WAIT)) {
            // Its children too: PostgreSQL refuses to start while a killed server's backends still hold its memory.
            family.forEach(ProcessHandle::destroyForcibly);
            family.forEach(p -> waitForExit(p, KILL_WAIT));
            if (process.isAlive()) {
                throw new IllegalStateException(kind.title() + " pid " + process.pid() + ", left by a stack that "
                        + "died, did not stop; end it by hand");
            }
            return "rushgate: killed " + kind.title() + " pid " + process.pid() + " left by a stack that died "
                    + "(it did not stop within " + POLITE_WAIT.toSeconds() + " s)";
        }
        return "rushgate: ended " + kind.title() + " pid " + process.pid() + " left by a stack that died";
    }

    private static Optional<Long> pidIn(Path pidFile) {
        try {
            String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
            return Optional.of(Long.parseLong(first));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // none, or half written: no server got far enough to matter
        }
    }

    /** Empty where the system has no {@code /proc} to tell. */
    private static Optional<Boolean> workingDirectoryIs(ProcessHandle process, Path dir) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            return Optional.of(Files.isSameFile(proc.toRealPath(), dir));
        } catch (IOException e) {
            return Files.isDirectory(Path.of("/proc/self")) ? Optional.of(false) : Optional.empty();
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (Exception timeout) {
            return !process.isAlive();
        }
    }
}
