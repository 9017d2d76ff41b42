package dev.rushgate.localstack.engine;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/** PostgreSQL as a child process (zonky's bundled binaries); local connections are trusted. */
final class PostgresEngine implements Engine {
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    /** A fresh stack's copy of the template cluster, removed at close; null under {@code --data}. */
    private final Path freshCopy;

    private PostgresEngine(EmbeddedPostgres postgres, Path freshCopy) {
        this.postgres = postgres;
        this.freshCopy = freshCopy;
    }

    private static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(30))
                // zonky's own pick comes from the ephemeral range, which parallel starts make racy.
                .setPort(FreePort.pick())
                // close() owns the process; a second hook would race it at JVM exit.
                .setRegisterShutdownHook(false);
    }

    static PostgresEngine start(Optional<Path> dataDir) {
        Path fresh = dataDir.isPresent() ? null : freshCluster();
        EmbeddedPostgres.Builder builder = builder();
        // zonky skips initdb for a directory that holds a cluster: a fresh stack starts from a copy of one made once
        if (fresh != null) builder.setDataDirectory(fresh).setCleanDataDirectory(false);
        dataDir.ifPresent(d -> builder.setDataDirectory(Dirs.create(d)).setCleanDataDirectory(false)
                // zonky trades durability for speed (synchronous_commit=off), right for a fresh stack. Kept data
                // gets PostgreSQL's own promise instead: a commit that was answered is on disk and survives a crash.
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on"));
        try {
            return new PostgresEngine(builder.start(), fresh);
        } catch (IOException | RuntimeException e) {
            Dirs.deleteQuietly(fresh);
            throw e instanceof IOException io ? new UncheckedIOException("PostgreSQL did not start", io)
                    : (RuntimeException) e;
        }
    }

    /**
     * A new cluster for a fresh stack: a copy of a template that {@code initdb} made once for these PostgreSQL binaries,
     * kept in the system's temporary directory. A copy takes a fifth of a second where {@code initdb} takes one or two
     * on two cores, on the path every other engine's provisioning waits for.
     */
    static Path freshCluster() {
        Path template = template();
        Path copy = Dirs.temp("rushgate-postgres-");
        try (Stream<Path> files = Files.walk(template)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = copy.resolve(template.relativize(from).toString());
                if (Files.isDirectory(from)) Files.createDirectories(to);
                else Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
            return copy;
        } catch (IOException e) {
            Dirs.deleteQuietly(copy);
            throw new UncheckedIOException("cannot copy PostgreSQL's template cluster " + template, e);
        }
    }

    /** The template cluster for these binaries, made now (and moved into place whole) if no start made it before. */
    static Path template() {
        Path template = Path.of(System.getProperty("java.io.tmpdir"), "rushgate-postgres-template-" + binariesKey());
        if (Files.isRegularFile(template.resolve("PG_VERSION"))) return template;
        Path making = Dirs.temp("rushgate-postgres-template-");
        try {
            builder().setDataDirectory(making).setCleanDataDirectory(false).start().close(); // initdb, then a clean stop
            Files.deleteIfExists(making.resolve("epg-lock"));
            Files.move(making, template, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException another) {
            // another stack made it at the same time: theirs is as good
        } catch (AtomicMoveNotSupportedException e) {
            throw new IllegalStateException("the temporary directory cannot move a directory atomically", e);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not make its template cluster", e);
        } finally {
            Dirs.deleteQuietly(making);
        }
        return template;
    }

    /** Names the binaries zonky runs (its jar and the binaries' jar), so new binaries get a new template. */
    private static String binariesKey() {
        String where = EmbeddedPostgres.class.getProtectionDomain().getCodeSource().getLocation() + " "
                + EmbeddedPostgres.class.getResource("/postgres-linux-x86_64.txz");
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(where.getBytes());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a fresh stack's cluster lives until close; empty under {@code --data}. */
    Optional<Path> freshCopy() {
        return Optional.ofNullable(freshCopy);
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
        Dirs.deleteQuietly(freshCopy);
    }
}
