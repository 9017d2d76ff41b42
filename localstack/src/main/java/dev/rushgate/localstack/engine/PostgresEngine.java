package dev.rushgate.localstack.engine;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** PostgreSQL as a child process (zonky's bundled binaries); local connections are trusted. */
final class PostgresEngine implements Engine {
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private PostgresEngine(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static PostgresEngine start(Optional<Path> dataDir) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(30))
                // zonky's own pick comes from the ephemeral range, which parallel starts make racy.
                .setPort(FreePort.pick())
                // close() owns the process; a second hook would race it at JVM exit.
                .setRegisterShutdownHook(false);
        dataDir.ifPresent(d -> builder.setDataDirectory(Dirs.create(d)).setCleanDataDirectory(false)
                // zonky trades durability for speed (synchronous_commit=off), right for a fresh stack. Kept data
                // gets PostgreSQL's own promise instead: a commit that was answered is on disk and survives a crash.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on"));
        try {
            return new PostgresEngine(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String address() {
        return jdbcUrl();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException | RuntimeException ignored) {
            // already stopped
        }
    }
}
