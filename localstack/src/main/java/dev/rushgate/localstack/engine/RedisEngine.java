package dev.rushgate.localstack.engine;

import redis.embedded.RedisServer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Redis as a child process (the binary bundled by embedded-redis), supervised as ElastiCache supervises its nodes: a
 * Redis that dies (killed, crashed, OOM-killed) is started again on the same port, from its append-only file under
 * {@code --data} (so with what it answered), else empty. Clients reconnect by themselves; a drop the empty cache lost is
 * rebuilt from storage by the functions.
 */
final class RedisEngine implements Engine {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEngine.class);
    /** Where, in its data directory, Redis writes its pid while it runs. */
    static final String PID_FILE = "redis.pid";
    /** How often the supervisor looks at the process. */
    private static final Duration WATCH_EVERY = Duration.ofMillis(200);

    private final int port;
    private final Path dir;
    private final Path tempDir;
    private final boolean durable;
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile RedisServer server;
    private volatile boolean closing;
    private final Thread supervisor;

    private RedisEngine(RedisServer server, int port, Path dir, Path tempDir, boolean durable) {
        this.server = server;
        this.port = port;
        this.dir = dir;
        this.tempDir = tempDir;
        this.durable = durable;
        this.supervisor = Thread.ofPlatform().daemon().name("redis-supervisor").start(this::supervise);
    }

    static RedisEngine start(Optional<Path> dataDir) {
        int port = FreePort.pick();
        // The pid file is how the supervisor (and, under --data, the next start) finds the process.
        Path tempDir = dataDir.isPresent() ? null : Dirs.temp("rushgate-redis");
        Path dir = dataDir.map(Dirs::create).orElse(tempDir);
        return new RedisEngine(startServer(port, dir, dataDir.isPresent()), port, dir, tempDir, dataDir.isPresent());
    }

    private static RedisServer startServer(int port, Path dir, boolean durable) {
        // embedded-redis writes its binary to a fresh file and runs it. While other engines start on other
        // threads, a process forked at that moment may still hold the file open for writing, and the exec
        // fails with ETXTBSY ("Text file busy"); trying again a moment later succeeds.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(port, dir, durable);
            } catch (UncheckedIOException e) {
                if (attempt == 5 || !textFileBusy(e)) throw e;
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean textFileBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Text file busy")) return true;
        }
        return false;
    }

    private static RedisServer startOnce(int port, Path dir, boolean durable) {
        try {
            var builder = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    .setting("dir " + dir)
                    // Lets the supervisor see the process die, and the next start find a Redis that outlived a stack
                    // killed without its process group.
                    .setting("pidfile " + dir.resolve(PID_FILE));
            if (durable) {
                // The append-only file survives a crash of the whole stack; RDB snapshots would lose minutes. Redis
                // writes every command to it before answering and fsyncs it once a second (its default), so a crash
                // of the process loses nothing, and a crash of the machine at most the last second.
                builder.setting("appendonly yes")
                        .setting("appendfsync everysec")
                        .setting("save \"\"");
            } else {
                builder.setting("appendonly no").setting("save \"\"");
            }
            RedisServer server = builder.build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start", e);
        }
    }

    /** Starts Redis again, on the same port and directory, whenever its process is gone and the stack is not closing. */
    private void supervise() {
        while (!closing) {
            try {
                Thread.sleep(WATCH_EVERY.toMillis());
                if (closing || alive()) continue;
                // embedded-redis stops its process from a JVM shutdown hook, which may run before close(): a Redis
                // started now would outlive the JVM
                if (shuttingDown()) return;
                long began = System.nanoTime();
                try {
                    server.stop();
                } catch (IOException | RuntimeException ignored) {
                    // the process is gone already; this only releases its streams
                }
                if (closing) return;
                server = startServer(port, dir, durable);
                if (shuttingDown()) {
                    endStarted();
                    return;
                }
                restarts.incrementAndGet();
                LOG.warn("Redis on port {} had exited; started it again in {} ms, {}", port,
                        (System.nanoTime() - began) / 1_000_000,
                        durable ? "from its append-only file" : "empty (no --data: a drop it held is rebuilt from storage)");
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (shuttingDown()) {
                    endStarted();
                    return;
                }
                LOG.warn("Redis on port {} could not be started again; trying again", port, e);
            }
        }
    }

    private boolean alive() {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve(PID_FILE)).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false; // Redis removes its pid file only when it stops cleanly, which only close() asks for
        }
    }

    /** Whether the JVM is shutting down: it then refuses new shutdown hooks. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Ends a Redis the supervisor started while the JVM began to shut down, found by its pid file. */
    private void endStarted() {
        try {
            server.stop();
        } catch (IOException | RuntimeException ignored) {
            // its process is ended below in any case
        }
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve(PID_FILE)).strip());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | NumberFormatException ignored) {
            // no pid file: it did not get as far as running
        }
    }

    /** How many times the supervisor started Redis again. */
    int restarts() {
        return restarts.get();
    }

    /** {@code 127.0.0.1:port}, the form of {@code RUSHGATE_REDIS_ENDPOINT}. */
    String endpoint() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String address() {
        return "redis://" + endpoint();
    }

    @Override
    public void close() {
        closing = true;
        supervisor.interrupt();
        try {
            supervisor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            server.stop();
        } catch (IOException | RuntimeException ignored) {
            // already stopped
        } finally {
            Dirs.deleteQuietly(tempDir);
        }
    }
}
