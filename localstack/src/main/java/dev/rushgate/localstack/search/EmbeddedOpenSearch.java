package dev.rushgate.localstack.search;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One OpenSearch node inside this JVM, the local stand-in for the feed's search domain: the same engine line (3.8) and
 * the same Korean analysis plugin (nori), so the one index definition behaves here as in the cloud. Its data lives in
 * a temporary directory, gone on {@link #close()}: the index is a copy of the published posts, rebuilt by replaying
 * them, so nothing is lost.
 *
 * <p>Only the modules the posts index needs are loaded (common analysis for {@code english} and {@code lowercase},
 * Netty for HTTP): painless, ingest and the rest would cost start time for nothing. The node logs through the stack's
 * own Log4j configuration rather than replacing it with OpenSearch's.
 */
public final class EmbeddedOpenSearch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedOpenSearch.class);
    private static final String MODULES = String.join(",",
            "org.opensearch.analysis.common.CommonAnalysisModulePlugin",
            "org.opensearch.transport.Netty4ModulePlugin");
    private static final String PLUGINS = "org.opensearch.plugin.analysis.nori.AnalysisNoriPlugin";

    private final OpenSearchRunner runner;
    private final Path home;
    private final boolean kept;
    private final URI endpoint;

    private EmbeddedOpenSearch(OpenSearchRunner runner, Path home, boolean kept, URI endpoint) {
        this.runner = runner;
        this.home = home;
        this.kept = kept;
        this.endpoint = endpoint;
    }

    /** A node on a port the operating system says is free. */
    public static EmbeddedOpenSearch start() {
        return start(freePort());
    }

    /** A node serving HTTP on exactly {@code httpPort} of the loopback interface; fails if it is taken. */
    public static EmbeddedOpenSearch start(int httpPort) {
        return start(httpPort, java.util.Optional.empty());
    }

    /**
     * A node on a free port whose data lives in {@code dataDir} when given (kept on close, so a stack started again on
     * the same data finds its index as it left it), else in a temporary directory.
     */
    public static EmbeddedOpenSearch start(java.util.Optional<Path> dataDir) {
        return start(freePort(), dataDir);
    }

    private static EmbeddedOpenSearch start(int httpPort, java.util.Optional<Path> dataDir) {
        // Netty's processor count is set once per JVM; the stack's other Netty users (Lettuce, the AWS SDK) may have
        // set it first, and a second node in one JVM would too: OpenSearch must not insist on setting it again.
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
        long started = System.nanoTime();
        Path home = dataDir.map(EmbeddedOpenSearch::created).orElseGet(EmbeddedOpenSearch::tempDir);
        boolean kept = dataDir.isPresent();
        OpenSearchRunner runner = new OpenSearchRunner();
        // The runner gives node n the first free port from base + n up to its maximum, 9299 unless told: a base above
        // that fails outright. Base + 1 = max = the port asked for, so the node gets that port or the start fails,
        // and endpoint() never names a port the node did not take.
        runner.setMaxHttpPort(httpPort);
        int transportPort = freePort();
        runner.onBuild((number, settings) -> settings
                .put("network.host", "127.0.0.1")
                .put("transport.port", String.valueOf(transportPort))
                .put("discovery.type", "single-node")
                // Developer disks are often fuller than the default watermarks allow: the index would go read-only.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false));
        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(home.toString())
                    .numOfNode(1)
                    .baseHttpPort(httpPort - 1)
                    .clusterName("rushgate-local")
                    .moduleTypes(MODULES)
                    .pluginTypes(PLUGINS)
                    .useLogger()
                    .disableESLogger());
            runner.ensureYellow();
        } catch (RuntimeException e) {
            closeQuietly(runner);
            if (!kept) deleteQuietly(home);
            throw e;
        }
        var node = new EmbeddedOpenSearch(runner, home, kept, URI.create("http://127.0.0.1:" + httpPort));
        LOG.info("OpenSearch node up at {} in {} ms", node.endpoint,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return node;
    }

    /** Where the node serves its REST API, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        closeQuietly(runner);
        // Not runner.clean(): it shuts Log4j down for the whole JVM on its way.
        if (!kept) deleteQuietly(home);
    }

    private static void closeQuietly(OpenSearchRunner runner) {
        try {
            runner.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("OpenSearch node did not close cleanly", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    private static Path created(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("rushgate-opensearch");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the node's directory", e);
        }
    }

    /** Best effort: a directory left in the system temp directory is not worth failing a shutdown for. */
    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete {}", dir, e);
        }
    }
}
