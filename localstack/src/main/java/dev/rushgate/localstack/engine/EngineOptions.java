package dev.rushgate.localstack.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start the {@link Engines}.
 *
 * @param dataDir where the engines keep their data between runs; empty means everything lives in memory or in
 *                temporary directories that {@link Engines#close()} deletes, with each engine's fast settings. With
 *                a directory, each engine keeps its state in a sub-directory of its own: Redis (append-only file,
 *                {@code appendfsync everysec}), SQS (ElasticMQ's SQL store in an H2 file: queues, and messages
 *                queued or in flight with their receive counts), Kafka and PostgreSQL (synchronous commit, fsync and
 *                full-page writes on), which also holds DynamoDB's tables. What an engine acknowledged survives a crash of the stack's
 *                processes; a crash of the machine may also lose Redis's last second and SQS changes not yet written
 *                back by the OS (H2 does not fsync each commit). Only one stack at a time may use a directory.
 */
public record EngineOptions(Optional<Path> dataDir) {

    public EngineOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        dataDir = dataDir.map(Path::toAbsolutePath);
    }

    /** Nothing survives {@link Engines#close()}: the default for tests. */
    public static EngineOptions ephemeral() {
        return new EngineOptions(Optional.empty());
    }

    /** State is kept under {@code dir} and found again by the next start with the same directory. */
    public static EngineOptions persistentIn(Path dir) {
        return new EngineOptions(Optional.of(dir));
    }
}
