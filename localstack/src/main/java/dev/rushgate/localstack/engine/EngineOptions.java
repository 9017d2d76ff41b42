package dev.rushgate.localstack.engine;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start the {@link Engines}.
 *
 * @param dataDir where the engines keep their data between runs; empty means everything lives in memory or in
 *                temporary directories that {@link Engines#close()} deletes. With a directory, Redis (append-only
 *                file), DynamoDB Local, Kafka and PostgreSQL keep their state in one sub-directory each; SQS
 *                (ElasticMQ) does not persist, so messages still queued or in flight are lost on restart.
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
