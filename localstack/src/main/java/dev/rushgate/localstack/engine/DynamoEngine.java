package dev.rushgate.localstack.engine;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** DynamoDB Local in this JVM (Jetty plus SQLite through its native library). */
final class DynamoEngine implements Engine {
    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoEngine(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static DynamoEngine start(Optional<Path> dataDir) {
        int port = FreePort.pick();
        // -sharedDb: one database whatever the credentials and region, so every client sees the same tables.
        // -disableTelemetry: no phoning home, and no metadata file dropped in the working directory.
        String[] args = dataDir
                .map(d -> new String[] {"-dbPath", Dirs.create(d).toString(), "-sharedDb", "-disableTelemetry", "-port", String.valueOf(port)})
                .orElseGet(() -> new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", String.valueOf(port)});
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            return new DynamoEngine(server, port);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public String address() {
        return endpoint().toString();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // already stopped
        }
        interruptSleepingJobs();
    }

    /**
     * stop() shuts the job pool down gracefully, but its stream shard-rollover scheduler sleeps for minutes between
     * runs on a non-daemon thread, which would keep the JVM alive that long. The pool is shut down and the job
     * cancelled at this point, so an interrupt only cuts the sleep short and lets the thread end.
     */
    private static void interruptSleepingJobs() {
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (!thread.isDaemon() && Arrays.stream(stack)
                    .anyMatch(f -> f.getClassName().startsWith("com.amazonaws.services.dynamodbv2.local.shared.jobs."))) {
                thread.interrupt();
            }
        });
    }
}
