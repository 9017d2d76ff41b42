package dev.rushgate.localstack.engine;

import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.collection.immutable.List$;
import scala.util.Either;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ElasticMQ in this JVM, speaking the SQS API. Queues are re-created by the provisioner on every start.
 *
 * <p>Without a data directory it keeps nothing. With one, ElasticMQ's own SQL persistence keeps every queue and
 * every message, in flight or not, with its receive count and visibility, in an H2 file under that directory:
 * ElasticMQ answers a send, receive or delete only once H2 has taken the change, and H2 runs with
 * {@code WRITE_DELAY=0}, so a change that was answered is in the file and survives a crash of the process (it is
 * not fsynced, so a crash of the machine may lose the last ones). Restored queues and messages are in place before
 * the port is bound, so no client can see an empty queue that is about to be refilled.
 *
 * <p>ElasticMQ's SQL store talks to one JVM-wide connection pool, so one JVM runs at most one persistent engine at a
 * time; a second is refused.
 */
final class SqsEngine implements Engine {
    /** The account id in every queue URL and ARN of the local stack. */
    static final String ACCOUNT = "000000000000";
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicBoolean PERSISTENT_RUNNING = new AtomicBoolean();

    private final SQSRestServer server;
    private final int port;
    /** Our own actor system when persistent (the REST server then does not stop it); null otherwise. */
    private final ActorSystem persistentSystem;
    private boolean closed;

    private SqsEngine(SQSRestServer server, int port, ActorSystem persistentSystem) {
        this.server = server;
        this.port = port;
        this.persistentSystem = persistentSystem;
    }

    static SqsEngine start(Optional<Path> dataDir) {
        return dataDir.map(SqsEngine::startPersistent).orElseGet(SqsEngine::startInMemory);
    }

    private static SqsEngine startInMemory() {
        int port = FreePort.pick();
        SQSRestServer server = builder(port).start();
        server.waitUntilStarted();
        return new SqsEngine(server, port, null);
    }

    private static SqsEngine startPersistent(Path dir) {
        if (!PERSISTENT_RUNNING.compareAndSet(false, true)) {
            throw new IllegalStateException("this JVM already runs an SQS engine that keeps its data: ElasticMQ's "
                    + "SQL store is one per JVM");
        }
        ActorSystem system = null;
        try {
            String url = "jdbc:h2:file:" + Dirs.create(dir).resolve("elasticmq")
                    // Write each commit to the file before ElasticMQ answers, rather than up to 500 ms later.
                    + ";WRITE_DELAY=0";
            // ElasticMQ sets this pool up only the first time in a JVM; setting it on every start points a restarted
            // engine (tests restart in one JVM) at its own file.
            ConnectionPoolSettings settings = ConnectionPool$.MODULE$.singleton$default$4();
            ConnectionPool$.MODULE$.singleton(url, "", "", settings,
                    ConnectionPool$.MODULE$.singleton$default$5(url, "", "", settings));
            var config = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "", "", false);
            system = ActorSystem.create("elasticmq");
            ActorRef store = system.actorOf(Props.create(SqlQueuePersistenceActor.class,
                    () -> new SqlQueuePersistenceActor(config, List$.MODULE$.empty())));
            ActorRef queues = system.actorOf(Props.create(QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(store))));
            restore(store, queues);
            int port = FreePort.pick();
            SQSRestServer server = builder(port).withActorSystem(system).withQueueManagerActor(queues)
                    .withQueueEventListener(store).start();
            server.waitUntilStarted();
            return new SqsEngine(server, port, system);
        } catch (RuntimeException e) {
            stopPersistence(system);
            throw e;
        }
    }

    /** Re-creates the stored queues and their messages; ElasticMQ answers only when all are back. */
    private static void restore(ActorRef store, ActorRef queues) {
        Object answer;
        try {
            answer = Patterns.ask(store, new QueueEvent.Restore(queues), RESTORE_TIMEOUT).toCompletableFuture()
                    .get(RESTORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while SQS restored its queues", e);
        } catch (Exception e) {
            throw new IllegalStateException("SQS could not restore its queues (see ElasticMQ's log)", e);
        }
        if (answer instanceof Either<?, ?> either && either.isLeft()) {
            throw new IllegalStateException("SQS could not restore its queues: " + either.left().get());
        }
    }

    private static org.elasticmq.rest.sqs.TheSQSRestServerBuilder builder(int port) {
        // The port must be known before binding: ElasticMQ writes it into every queue URL it hands out.
        return SQSRestServerBuilder
                .withPort(port)
                .withInterface("127.0.0.1")
                .withServerAddress(NodeAddress.apply("http", "127.0.0.1", port, ""))
                .withAWSAccountId(ACCOUNT)
                .withAWSRegion("us-east-1");
    }

    /** Stops the actors (so nothing writes any more), then closes the pool, which closes the H2 file. */
    private static void stopPersistence(ActorSystem system) {
        try {
            if (system != null) {
                system.terminate();
                scala.concurrent.Await.result(system.whenTerminated(),
                        scala.concurrent.duration.Duration.create(30, TimeUnit.SECONDS));
            }
        } catch (Exception ignored) {
            // the pool is closed below either way
        } finally {
            try {
                ConnectionPool$.MODULE$.close(ConnectionPool$.MODULE$.close$default$1());
            } catch (RuntimeException ignored) {
                // never opened
            }
            PERSISTENT_RUNNING.set(false);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public String address() {
        return endpoint() + (persistentSystem == null ? " (ElasticMQ, in memory)" : " (ElasticMQ, kept in H2)");
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            server.stopAndWait();
        } catch (RuntimeException ignored) {
            // already stopped
        }
        if (persistentSystem != null) stopPersistence(persistentSystem);
    }
}
