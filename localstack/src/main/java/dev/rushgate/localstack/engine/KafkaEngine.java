package dev.rushgate.localstack.engine;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One Kafka node in KRaft mode, broker and controller at once, in this JVM. Internal topics are sized for a
 * single node: with their default replication factor of 3, consumer groups would never get a coordinator.
 */
final class KafkaEngine implements Engine {
    private static final int NODE_ID = 1;

    private volatile KafkaRaftServer server;
    private final int brokerPort;
    private final int controllerPort;
    private final Path logDir;
    private final Path tempDir;

    private KafkaEngine(KafkaRaftServer server, int brokerPort, int controllerPort, Path logDir, Path tempDir) {
        this.server = server;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.tempDir = tempDir;
    }

    static KafkaEngine start(Optional<Path> dataDir) {
        Path tempDir = dataDir.isPresent() ? null : Dirs.temp("rushgate-kafka");
        Path logDir = dataDir.map(Dirs::create).orElse(tempDir);
        int brokerPort = FreePort.pick();
        int controllerPort = FreePort.pick();
        KafkaRaftServer server = null;
        try {
            format(logDir);
            server = new KafkaRaftServer(KafkaConfig.fromProps(config(logDir, brokerPort, controllerPort)), Time.SYSTEM);
            // Returns once the broker is registered and unfenced, i.e. ready for clients.
            server.startup();
            return new KafkaEngine(server, brokerPort, controllerPort, logDir, tempDir);
        } catch (Exception e) {
            if (server != null) {
                server.shutdown();
                server.awaitShutdown();
            }
            Dirs.deleteQuietly(tempDir);
            throw new IllegalStateException("Kafka did not start", e);
        }
    }

    /** Writes meta.properties and the bootstrap metadata once; a directory from an earlier run is kept as is. */
    private static void format(Path logDir) throws Exception {
        // The formatter would compare the stored cluster id with a fresh one and refuse.
        if (Files.exists(logDir.resolve("meta.properties"))) return;
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    private static Properties config(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        // Static voters are read from configuration on every start, so a new controller port after a restart is fine.
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        // 50 partitions by default: creating them would add seconds to the first consumer's join.
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics come from the declaration only: a typo in a topic name fails loudly instead of creating a topic.
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("log.cleaner.threads", "1");
        // After a crash the node comes back as a new incarnation of the same broker, and the controller keeps the
        // dead one's session until it times out (9 s by default) before the new one is unfenced: on one node with
        // nothing to fail over to, a short session only shortens that wait.
        p.put("broker.session.timeout.ms", "2000");
        p.put("broker.heartbeat.interval.ms", "500");
        return p;
    }

    /**
     * Shuts the broker down cleanly and starts it again on the same ports and log, as a broker restarted during a
     * rolling upgrade: clients see their connections drop and reconnect. Answers how long it was down.
     */
    synchronized java.time.Duration restart() {
        long began = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        KafkaRaftServer again = new KafkaRaftServer(KafkaConfig.fromProps(config(logDir, brokerPort, controllerPort)),
                Time.SYSTEM);
        again.startup();
        server = again;
        return java.time.Duration.ofNanos(System.nanoTime() - began);
    }

    String bootstrap() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String address() {
        return bootstrap() + " (KRaft, one node)";
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // already stopped
        } finally {
            Dirs.deleteQuietly(tempDir);
        }
    }
}
