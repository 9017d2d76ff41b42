package dev.rushgate.localstack.engine;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.net.URI;

/**
 * ElasticMQ in this JVM, speaking the SQS API. It keeps nothing on disk: queues are re-created by the provisioner
 * on every start, and messages that were queued or in flight when the stack stopped are gone.
 */
final class SqsEngine implements Engine {
    /** The account id in every queue URL and ARN of the local stack. */
    static final String ACCOUNT = "000000000000";

    private final SQSRestServer server;
    private final int port;

    private SqsEngine(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static SqsEngine start() {
        // The port must be known before binding: ElasticMQ writes it into every queue URL it hands out.
        int port = FreePort.pick();
        SQSRestServer server = SQSRestServerBuilder
                .withPort(port)
                .withInterface("127.0.0.1")
                .withServerAddress(NodeAddress.apply("http", "127.0.0.1", port, ""))
                .withAWSAccountId(ACCOUNT)
                .withAWSRegion("us-east-1")
                .start();
        server.waitUntilStarted();
        return new SqsEngine(server, port);
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
        return endpoint() + " (ElasticMQ, not persisted)";
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } catch (RuntimeException ignored) {
            // already stopped
        }
    }
}
