package dev.rushgate.localstack.engine;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** Redis as a child process (the binary bundled by embedded-redis). */
final class RedisEngine implements Engine {
    /** Where, in its data directory, Redis writes its pid while it runs. */
    static final String PID_FILE = "redis.pid";

    private final RedisServer server;
    private final int port;

    private RedisEngine(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static RedisEngine start(Optional<Path> dataDir) {
        // embedded-redis writes its binary to a fresh file and runs it. While other engines start on other
        // threads, a process forked at that moment may still hold the file open for writing, and the exec
        // fails with ETXTBSY ("Text file busy"); trying again a moment later succeeds.
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(dataDir);
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

    private static RedisEngine startOnce(Optional<Path> dataDir) {
        int port = FreePort.pick();
        try {
            var builder = RedisServer.newRedisServer().bind("127.0.0.1").port(port);
            if (dataDir.isPresent()) {
                Path dir = Dirs.create(dataDir.get());
                // The append-only file survives a crash of the whole stack; RDB snapshots would lose minutes. Redis
                // writes every command to it before answering and fsyncs it once a second (its default), so a crash
                // of the process loses nothing, and a crash of the machine at most the last second.
                builder.setting("dir " + dir)
                        .setting("appendonly yes")
                        .setting("appendfsync everysec")
                        .setting("save \"\"")
                        // Lets the next start find a Redis that outlived a stack killed without its process group.
                        .setting("pidfile " + dir.resolve(PID_FILE));
            } else {
                builder.setting("appendonly no").setting("save \"\"");
            }
            RedisServer server = builder.build();
            server.start();
            return new RedisEngine(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start", e);
        }
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
        try {
            server.stop();
        } catch (IOException | RuntimeException ignored) {
            // already stopped
        }
    }
}
