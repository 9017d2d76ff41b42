package dev.rushgate.localstack.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.localstack.engine.EngineOptions;
import dev.rushgate.localstack.engine.Engines;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.localstack.provision.Provisioner;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.TopicSpec;
import dev.rushgate.wiring.Trigger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaPollerIT {

    private static final TopicSpec SCORES = new TopicSpec("scores", 2);
    private static final QueueSpec FAILURES = QueueSpec.failures("scores-failures");
    private static final Trigger.Kafka TRIGGER = new Trigger.Kafka(SCORES.id(), 10, FAILURES.id());
    private static final String FUNCTION = "count-scores";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TopicSpec RANKS = new TopicSpec("ranks", 1);
    private static final List<JsonNode> failures = new CopyOnWriteArrayList<>();
    private static final TopicSpec TALLIES = new TopicSpec("tallies", 1);
    private static final QueueSpec TALLY_FAILURES = QueueSpec.failures("tallies-failures");

    private static Engines engines;
    private static Map<String, String> env;
    private static SqsClient sqs;

    @BeforeAll
    static void startEngines() {
        engines = Engines.start(EngineOptions.ephemeral());
        env = new Provisioner(new Declaration(List.of(), List.of(FAILURES, TALLY_FAILURES),
                List.of(SCORES, RANKS, TALLIES), List.of()), engines).provision();
        sqs = LocalAwsClients.sqs(engines.sqsEndpoint());
    }

    @AfterAll
    static void stopEngines() {
        sqs.close();
        engines.close();
    }

    @Test
    void deliversBatchesAndCommits_andSendsAPoisonRecordToTheFailureQueueAfterBoundedRetries() throws Exception {
        // given
        List<KafkaEvent> events = new CopyOnWriteArrayList<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger poisonAttempts = new AtomicInteger();
        RequestHandler<KafkaEvent, Void> handler = (event, context) -> {
            List<String> values = event.getRecords().values().stream().flatMap(List::stream)
                    .map(r -> new String(Base64.getDecoder().decode(r.getValue()), StandardCharsets.UTF_8)).toList();
            if (values.contains("poison")) {
                poisonAttempts.incrementAndGet();
                throw new IllegalArgumentException("cannot parse");
            }
            events.add(event);
            handled.addAll(values);
            return null;
        };
        List<String> before = IntStream.range(0, 15).mapToObj(i -> "v" + i).toList();
        List<String> after = IntStream.range(15, 20).mapToObj(i -> "v" + i).toList();

        try (KafkaPoller poller = new KafkaPoller(FUNCTION, TRIGGER, engines.kafkaBootstrap(),
                env.get(EnvNames.queueUrl(FAILURES.id())), sqs, handler, Duration.ofSeconds(30));
             KafkaProducer<String, String> producer = producer()) {
            poller.start();

            // when
            before.forEach(v -> producer.send(new ProducerRecord<>(SCORES.id(), "k" + v, v)));
            producer.flush();
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == before.size());
            producer.send(new ProducerRecord<>(SCORES.id(), "bad", "poison")).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> !failureQueue().isEmpty());
            after.forEach(v -> producer.send(new ProducerRecord<>(SCORES.id(), "k" + v, v)));
            producer.flush();

            // then
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(handled).containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 20).mapToObj(i -> "v" + i).toList());
                assertThat(committedOffsets()).isEqualTo(before.size() + 1 + after.size());
            });
        }
        assertThat(poisonAttempts.get()).isEqualTo(1 + KafkaPoller.RETRIES);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getEventSource()).isEqualTo("aws:kafka");
            assertThat(e.getBootstrapServers()).isEqualTo(engines.kafkaBootstrap());
            e.getRecords().forEach((key, records) -> {
                assertThat(key).matches("scores-[01]");
                assertThat(records).allSatisfy(r -> assertThat(key).isEqualTo(r.getTopic() + "-" + r.getPartition()));
            });
        });
        assertThat(events.stream().mapToInt(e -> e.getRecords().values().stream().mapToInt(List::size).sum()))
                .allMatch(n -> n <= TRIGGER.batchSize());
    }

    @Test
    void redeliversTheUncommittedBatch_whenTheConsumerIsKilledMidBatchAndReplaced() throws Exception {
        // given
        Trigger.Kafka trigger = new Trigger.Kafka(RANKS.id(), 5, FAILURES.id());
        List<String> values = IntStream.range(0, 12).mapToObj(i -> "r" + i).toList();
        java.util.Set<String> handled = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch midBatch = new java.util.concurrent.CountDownLatch(1);
        RequestHandler<KafkaEvent, Void> crashing = (event, context) -> {
            midBatch.countDown();
            try {
                new java.util.concurrent.CountDownLatch(1).await();
            } catch (InterruptedException e) {
                throw new IllegalStateException("killed");
            }
            return null;
        };
        RequestHandler<KafkaEvent, Void> healthy = (event, context) -> {
            event.getRecords().values().stream().flatMap(List::stream)
                    .forEach(r -> handled.add(new String(Base64.getDecoder().decode(r.getValue()), StandardCharsets.UTF_8)));
            return null;
        };
        try (KafkaProducer<String, String> producer = producer()) {
            values.forEach(v -> producer.send(new ProducerRecord<>(RANKS.id(), v, v)));
            producer.flush();
        }
        KafkaPoller first = new KafkaPoller("rank", trigger, engines.kafkaBootstrap(),
                env.get(EnvNames.queueUrl(FAILURES.id())), sqs, crashing, Duration.ofSeconds(30));
        first.start();
        assertThat(midBatch.await(20, TimeUnit.SECONDS)).isTrue();

        // when
        first.kill();
        try (KafkaPoller second = new KafkaPoller("rank", trigger, engines.kafkaBootstrap(),
                env.get(EnvNames.queueUrl(FAILURES.id())), sqs, healthy, Duration.ofSeconds(30))) {
            second.start();

            // then
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(handled).containsExactlyInAnyOrderElementsOf(values));
        }
    }

    @Test
    void splitsAFailingBatch_soOnlyThePoisonRecordReachesTheFailureQueue_andItsBatchMatesAreHandled() throws Exception {
        // given one batch of ten records with a poison one in the middle
        List<String> handled = new CopyOnWriteArrayList<>();
        RequestHandler<KafkaEvent, Void> handler = (event, context) -> {
            List<String> values = event.getRecords().values().stream().flatMap(List::stream)
                    .map(r -> new String(Base64.getDecoder().decode(r.getValue()), StandardCharsets.UTF_8)).toList();
            if (values.contains("poison")) throw new IllegalArgumentException("cannot parse");
            handled.addAll(values);
            return null;
        };
        List<String> values = new java.util.ArrayList<>(IntStream.range(0, 9).mapToObj(i -> "t" + i).toList());
        values.add(5, "poison");
        try (KafkaProducer<String, String> producer = producer()) {
            for (String v : values) producer.send(new ProducerRecord<>(TALLIES.id(), "k", v));
            producer.flush();
        }
        String queueUrl = env.get(EnvNames.queueUrl(TALLY_FAILURES.id()));
        List<String> failed = new CopyOnWriteArrayList<>();

        // when
        try (KafkaPoller poller = new KafkaPoller("count-tallies", new Trigger.Kafka(TALLIES.id(), 10,
                TALLY_FAILURES.id()), engines.kafkaBootstrap(), queueUrl, sqs, handler, Duration.ofSeconds(30))) {
            poller.start();

            // then
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()) {
                    failed.add(new String(Base64.getDecoder().decode(JSON.readTree(m.body()).get("value").asText()),
                            StandardCharsets.UTF_8));
                }
                return handled.size() == 9 && !failed.isEmpty();
            });
        }
        assertThat(handled).containsExactlyInAnyOrderElementsOf(values.stream().filter(v -> !v.equals("poison")).toList());
        assertThat(failed).containsExactly("poison");
    }

    private static List<JsonNode> failureQueue() throws Exception {
        for (var m : sqs.receiveMessage(b -> b.queueUrl(env.get(EnvNames.queueUrl(FAILURES.id())))
                .maxNumberOfMessages(10)).messages()) {
            failures.add(JSON.readTree(m.body()));
        }
        if (!failures.isEmpty()) {
            JsonNode poison = failures.getFirst();
            assertThat(poison.get("topic").asText()).isEqualTo(SCORES.id());
            assertThat(poison.get("partition").isInt()).isTrue();
            assertThat(poison.get("offset").isNumber()).isTrue();
            assertThat(new String(Base64.getDecoder().decode(poison.get("key").asText()))).isEqualTo("bad");
            assertThat(new String(Base64.getDecoder().decode(poison.get("value").asText()))).isEqualTo("poison");
        }
        return failures;
    }

    private static long committedOffsets() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, engines.kafkaBootstrap()))) {
            return admin.listConsumerGroupOffsets(FUNCTION).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, engines.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 0));
    }
}
