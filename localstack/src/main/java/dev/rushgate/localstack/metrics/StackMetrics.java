package dev.rushgate.localstack.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import dev.rushgate.ops.domain.LiveView;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.Trigger;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stack's {@code /metrics}, in the Prometheus text format, for people who run Grafana: the JVM's own
 * metrics, each engine's reachability, each function's invocations, each queue's messages (waiting and in flight,
 * dead letters included), each Kafka consumer's lag, and the DynamoDB engine's requests. Everything is read when
 * Prometheus scrapes, from what the stack already keeps: nothing is added to any request's path.
 */
public final class StackMetrics implements AutoCloseable {

    /** What the exposition format is served as. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final int CONNECT_TIMEOUT_MS = 250;

    /** Where each engine listens, by name, for the reachability gauge. */
    public record Endpoint(String engine, String host, int port) {
        public static Endpoint of(String engine, URI uri) {
            return new Endpoint(engine, uri.getHost(), uri.getPort());
        }

        /** {@code host:port}, as Redis's and Kafka's endpoints are written. */
        public static Endpoint of(String engine, String hostAndPort) {
            int colon = hostAndPort.lastIndexOf(':');
            return new Endpoint(engine, hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
        }
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Declaration declaration;
    private final Map<String, String> environment;
    private final SqsClient sqs;
    private final Supplier<String> kafkaBootstrap;
    private Admin kafka;

    /**
     * @param declaration  the declared functions, queues and topics
     * @param environment  the stack's environment (queue URLs by {@link EnvNames#queueUrl})
     * @param sqs          a client of the stack's SQS engine
     * @param engines      where each engine listens
     * @param invocations  invocations so far by function id
     * @param dynamo       the DynamoDB engine's requests so far, by {@code "Operation table"}
     * @param kafkaBootstrap the Kafka engine's bootstrap servers (it may move when restarted)
     * @param counters     the live counters the deciding calls keep, and {@code gauges} each event's numbers now
     */
    public StackMetrics(Declaration declaration, Map<String, String> environment, SqsClient sqs,
                        Supplier<List<Endpoint>> engines, Supplier<Map<String, Long>> invocations,
                        Supplier<Map<String, Long>> dynamo, Supplier<String> kafkaBootstrap,
                        LiveView.Counters counters, LiveView.Gauges gauges) {
        this.declaration = declaration;
        this.environment = environment;
        this.sqs = sqs;
        this.kafkaBootstrap = kafkaBootstrap;
        JvmMetrics.builder().register(registry);
        GaugeWithCallback.builder().name("rushgate_engine_up")
                .help("1 when the engine accepts connections, else 0").labelNames("engine")
                .callback(cb -> engines.get().forEach(e -> cb.call(reachable(e) ? 1 : 0, e.engine())))
                .register(registry);
        CounterWithCallback.builder().name("rushgate_function_invocations")
                .help("Invocations of each declared function, as Lambda would bill them").labelNames("function")
                .callback(cb -> invocations.get().forEach((id, n) -> cb.call(n, id)))
                .register(registry);
        GaugeWithCallback.builder().name("rushgate_queue_messages")
                .help("Messages in each queue: visible (waiting) or in flight (received, not yet deleted)")
                .labelNames("queue", "state")
                .callback(cb -> queueDepths().forEach((queue, depth) -> {
                    cb.call(depth[0], queue, "visible");
                    cb.call(depth[1], queue, "in_flight");
                }))
                .register(registry);
        GaugeWithCallback.builder().name("rushgate_kafka_consumer_lag")
                .help("Records on a topic its consumer has not committed yet").labelNames("function", "topic")
                .callback(cb -> kafkaLag().forEach((key, lag) -> cb.call(lag, key.get(0), key.get(1))))
                .register(registry);
        CounterWithCallback.builder().name("rushgate_dynamodb_requests")
                .help("Requests the DynamoDB engine answered, by operation and table").labelNames("operation", "table")
                .callback(cb -> dynamo.get().forEach((key, n) -> {
                    int space = key.indexOf(' ');
                    cb.call(n, space < 0 ? key : key.substring(0, space), space < 0 ? "" : key.substring(space + 1));
                }))
                .register(registry);
        LiveTotals live = new LiveTotals(counters, gauges, Clock.systemUTC());
        CounterWithCallback.builder().name("rushgate_answers")
                .help("Answers of each event's deciding calls (claims, votes, holds, room entries), by answer, as the "
                        + "calls counted them; seconds are added once complete").labelNames("kind", "event", "answer")
                .callback(cb -> live.answers().forEach((a, n) -> cb.call(n, a.kind(), a.event(), a.answer())))
                .register(registry);
        GaugeWithCallback.builder().name("rushgate_event")
                .help("Each event's numbers now: a drop's remaining stock, a room's line, a show's seats, a poll's votes")
                .labelNames("kind", "event", "gauge")
                .callback(cb -> live.gauges().forEach((g, v) -> cb.call(v, g.kind(), g.event(), g.gauge())))
                .register(registry);
    }

    /** The exposition of everything, as {@code GET /metrics} answers it. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the metrics", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Serves {@code GET /metrics}; any other method gets 405. */
    public void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static boolean reachable(Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Visible and in-flight messages of every declared queue and dead-letter queue. */
    private Map<String, long[]> queueDepths() {
        List<String> ids = new ArrayList<>();
        for (QueueSpec queue : declaration.queues()) {
            ids.add(queue.id());
            if (queue.role() == QueueSpec.Role.WORK) ids.add(queue.dlqId());
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String id : ids) {
            String url = environment.get(EnvNames.queueUrl(id));
            if (url == null) continue;
            try {
                Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                out.put(id, new long[] {Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                        Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"))});
            } catch (RuntimeException e) {
                // a queue the engine cannot answer for now is left out of this scrape; rushgate_engine_up says why
            }
        }
        return out;
    }

    /** Lag of each Kafka consumer (its consumer group is its function id) on its topic. */
    private synchronized Map<List<String>, Long> kafkaLag() {
        Map<List<String>, Long> out = new LinkedHashMap<>();
        List<FunctionSpec> consumers = declaration.functions().stream()
                .filter(f -> f.trigger() instanceof Trigger.Kafka).toList();
        if (consumers.isEmpty()) return out;
        try {
            Admin admin = admin();
            for (FunctionSpec consumer : consumers) {
                String declared = ((Trigger.Kafka) consumer.trigger()).topic();
                String topic = environment.getOrDefault(EnvNames.topic(declared), declared);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(consumer.id())
                        .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
                List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(2, TimeUnit.SECONDS).get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
                long lag = 0;
                for (var e : admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS).entrySet()) {
                    OffsetAndMetadata done = committed.get(e.getKey());
                    lag += Math.max(0, e.getValue().offset() - (done == null ? 0 : done.offset()));
                }
                out.put(List.of(consumer.id(), topic), lag);
            }
        } catch (Exception e) {
            closeAdmin(); // Kafka restarted or is down: reconnect on the next scrape
        }
        return out;
    }

    private Admin admin() {
        if (kafka == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap.get());
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
            kafka = Admin.create(p);
        }
        return kafka;
    }

    private synchronized void closeAdmin() {
        if (kafka != null) {
            kafka.close(java.time.Duration.ofSeconds(1));
            kafka = null;
        }
    }

    @Override
    public void close() {
        closeAdmin();
    }
}
