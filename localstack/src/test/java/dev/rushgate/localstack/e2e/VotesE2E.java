package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.rushgate.localstack.JdkHttpServers;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Voting end to end against the whole local stack: HTTP for everything a user or admin does. */
@ExtendWith(SharedStack.class)
class VotesE2E {

    private static final int USERS = 100_000;
    private static final int REPEATS = 10_000;
    private static final List<String> OPTIONS = List.of("a", "b", "c", "d");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Api api;
    private static String admin;
    private static String[] tokens;
    private static HttpServer webhook;
    private static final List<JsonNode> webhookPosts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        api = SharedStack.api();
        admin = api.token("poll-admin", "admin");
        tokens = api.tokens(USERS, i -> "voter-" + i);
        // A Slack-compatible incoming webhook: the one third party here, so a small fake of it.
        webhook = JdkHttpServers.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            webhookPosts.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterAll
    static void stopWebhook() {
        webhook.stop(0);
    }

    private static String newPoll(List<Map<String, Object>> alerts, Map<String, Object> more) {
        String pollId = "poll-" + UUID.randomUUID().toString().substring(0, 8);
        var terms = new LinkedHashMap<String, Object>(Map.of("question", "Which one?",
                "options", OPTIONS.stream().map(o -> Map.of("id", o, "label", o.toUpperCase())).toList(),
                "opensAt", Instant.now().minusSeconds(1).toString(),
                "closesAt", Instant.now().plusSeconds(3600).toString(),
                "alerts", alerts,
                "webhookUrl", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"));
        terms.putAll(more);
        Api.Answer created = api.put("/v1/admin/polls/" + pollId, admin, Api.json(terms));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return pollId;
    }

    private static Api.Answer vote(String pollId, int user, String option) {
        return api.post("/v1/polls/" + pollId + "/votes", tokens[user], "{\"optionId\":\"" + option + "\"}");
    }

    /** Votes of users {@code from..to-1} for option {@code user % 4}, 128 in flight; answers status+code counts. */
    private static Map<String, Integer> rush(String pollId, int from, int to) throws InterruptedException {
        Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(128);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = from; i < to; i++) {
                int user = i % USERS;
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        Api.Answer answer = vote(pollId, user, OPTIONS.get(user % OPTIONS.size()));
                        String key = answer.status() == 202 ? "202" : answer.status() + " " + answer.code();
                        answers.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    } catch (RuntimeException e) {
                        answers.computeIfAbsent("error " + e, k -> new AtomicInteger()).incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        Map<String, Integer> out = new HashMap<>();
        answers.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static JsonNode tally(String pollId) {
        Api.Answer answer = api.get("/v1/polls/" + pollId + "/tally", admin);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private static void awaitPersisted(String pollId, long expected, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> tally(pollId).get("persisted").asLong() >= expected);
    }

    private static JsonNode rebuild(String pollId) {
        Api.Answer answer = api.post("/v1/admin/polls/" + pollId + "/rebuild", admin, null);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private static List<JsonNode> alerts(String pollId) {
        Api.Answer answer = api.get("/v1/admin/polls/" + pollId + "/alerts", admin);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        answer.body().get("items").forEach(items::add);
        return items;
    }

    /** Every event on the alerts topic about {@code pollId}, by alert id. */
    private static Map<String, Integer> alertEvents(String pollId) {
        Map<String, Integer> byId = new HashMap<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.stack().engines().kafkaBootstrap()),
                new StringDeserializer(), new StringDeserializer())) {
            var partition = new TopicPartition(Rushgate.ALERTS_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    try {
                        JsonNode event = JSON.readTree(r.value());
                        if (event.get("pollId").asText().equals(pollId)) {
                            byId.merge(event.get("alertId").asText(), 1, Integer::sum);
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        return byId;
    }

    private static long webhookPostsAbout(String pollId) {
        return webhookPosts.stream().filter(p -> p.get("text").asText().contains("[" + pollId + "/")).count();
    }

    private static void assertConverged(String pollId, long expected) {
        JsonNode tally = tally(pollId);
        assertThat(tally.get("accepted").asLong()).isEqualTo(expected);
        assertThat(tally.get("persisted").asLong()).isEqualTo(expected);
        tally.get("options").forEach(o -> assertThat(o.get("persisted").asLong()).as(o.toString())
                .isEqualTo(o.get("votes").asLong()));
        // the rebuild counts what DynamoDB holds: the same per option, nothing to repair
        JsonNode report = rebuild(pollId);
        assertThat(report.get("storedVotes").asLong()).isEqualTo(expected);
        assertThat(report.get("consistent").asBoolean()).as(report.toString()).isTrue();
        Map<String, Long> redis = new HashMap<>();
        tally.get("options").forEach(o -> redis.put(o.get("id").asText(), o.get("votes").asLong()));
        Map<String, Long> dynamo = new HashMap<>();
        report.get("options").forEach(o -> dynamo.put(o.get("id").asText(), o.get("stored").asLong()));
        assertThat(dynamo).isEqualTo(redis);
        assertThat(tally(pollId).get("persisted").asLong()).isEqualTo(expected);
    }

    @Test
    void hundredThousandVoters_andTenThousandRepeats_countEachVoteOnce_everywhere_andFireEachAlertOnce()
            throws Exception {
        // given a poll with alerts on option a and on the whole poll
        String pollId = newPoll(List.of(Map.of("optionId", "a", "threshold", 10_000),
                Map.of("threshold", 50_000), Map.of("threshold", USERS)), Map.of());

        // when 100,000 users vote, then 10,000 of them try again
        Map<String, Integer> first = rush(pollId, 0, USERS);
        Map<String, Integer> again = rush(pollId, 0, REPEATS);

        // then every first vote is accepted, every repeat refused, and the live tally says so at once
        assertThat(first).isEqualTo(Map.of("202", USERS));
        assertThat(again).isEqualTo(Map.of("409 already-voted", REPEATS));
        JsonNode live = tally(pollId);
        assertThat(live.get("accepted").asLong()).isEqualTo(USERS);
        live.get("options").forEach(o -> assertThat(o.get("votes").asLong()).isEqualTo(USERS / OPTIONS.size()));

        // and once drained, Redis, PostgreSQL and DynamoDB agree on every count
        awaitPersisted(pollId, USERS, Duration.ofSeconds(180));
        assertConverged(pollId, USERS);

        // and each alert fired once: listed, on the alerts topic, and at the webhook
        List<JsonNode> fired = alerts(pollId);
        assertThat(fired).hasSize(3);
        assertThat(fired).extracting(a -> a.get("threshold").asLong()).containsExactlyInAnyOrder(10_000L, 50_000L,
                (long) USERS);
        await().atMost(Duration.ofSeconds(20)).until(() -> alertEvents(pollId).size() == 3);
        assertThat(alertEvents(pollId).values()).containsOnly(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhookPostsAbout(pollId) == 3);
    }

    @Test
    void consumerKilledMidStream_andRestarted_leavesEveryCountUnchanged_andAlertsFireOnce() throws Exception {
        // given the vote consumer is down while 5,000 votes are accepted
        String pollId = newPoll(List.of(Map.of("threshold", 1), Map.of("optionId", "b", "threshold", 1_000)), Map.of());
        SharedStack.stack().killConsumer("count-votes");
        assertThat(rush(pollId, 0, 5_000)).isEqualTo(Map.of("202", 5_000));
        assertThat(tally(pollId).get("persisted").asLong()).isZero();

        // when it comes back and is killed again as soon as it has counted part of the backlog
        SharedStack.stack().startConsumer("count-votes");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> tally(pollId).get("persisted").asLong() > 0);
        SharedStack.stack().killConsumer("count-votes");
        long countedBeforeKill = tally(pollId).get("persisted").asLong();
        SharedStack.stack().startConsumer("count-votes");

        // then the redelivered records change nothing: every vote counted once, each alert once
        assertThat(countedBeforeKill).isBetween(1L, 5_000L);
        awaitPersisted(pollId, 5_000, Duration.ofSeconds(60));
        assertConverged(pollId, 5_000);
        assertThat(alerts(pollId)).hasSize(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> alertEvents(pollId).size() == 2);
        assertThat(alertEvents(pollId).values()).containsOnly(1);
    }

    @Test
    void poisonRecord_goesToTheFailureQueue_andTheVotesAroundItAreCounted() throws Exception {
        // given a poison record between 100 good votes, all in the consumer's next batch
        String pollId = newPoll(List.of(), Map.of());
        SharedStack.stack().killConsumer("count-votes");
        String poison = "{\"pollId\":\"" + pollId + "\",\"not\":\"a vote\"}";
        try {
            assertThat(rush(pollId, 10, 60)).isEqualTo(Map.of("202", 50));
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedStack.stack().engines().kafkaBootstrap()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Rushgate.VOTES_TOPIC, pollId, poison)).get();
            }
            assertThat(rush(pollId, 60, 110)).isEqualTo(Map.of("202", 50));
        } finally {
            // when the consumer runs
            SharedStack.stack().startConsumer("count-votes");
        }

        // then the 100 votes are counted and the poison record alone is in votes-failed
        awaitPersisted(pollId, 100, Duration.ofSeconds(60));
        assertConverged(pollId, 100);
        String failedQueue = SharedStack.stack().environment().get(EnvNames.queueUrl(Rushgate.VOTES_FAILED_QUEUE));
        String poisonValue = Base64.getEncoder().encodeToString(poison.getBytes(StandardCharsets.UTF_8));
        List<Message> failed = new ArrayList<>();
        try (SqsClient sqs = LocalAwsClients.sqs(SharedStack.stack().engines().sqsEndpoint())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                failed.addAll(sqs.receiveMessage(b -> b.queueUrl(failedQueue).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages());
                return failed.stream().anyMatch(m -> m.body().contains(poisonValue));
            });
            failed.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(failedQueue).receiptHandle(m.receiptHandle())));
        }
        List<JsonNode> aboutThisPoll = failed.stream().map(m -> {
            try {
                return JSON.readTree(m.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(b -> new String(Base64.getDecoder().decode(b.get("key").asText()), StandardCharsets.UTF_8)
                .equals(pollId)).toList();
        assertThat(aboutThisPoll).hasSize(1);
        assertThat(aboutThisPoll.getFirst().get("value").asText()).isEqualTo(poisonValue);
    }

    @Test
    void idempotencyKey_replaysTheVote_andTheWindowAndRoomAreEnforced() {
        String pollId = newPoll(List.of(), Map.of());
        Map<String, String> key = Map.of("Idempotency-Key", "ballot-1");
        String body = "{\"optionId\":\"a\"}";

        Api.Answer first = api.send("POST", "/v1/polls/" + pollId + "/votes", tokens[0], body, key);
        Api.Answer retry = api.send("POST", "/v1/polls/" + pollId + "/votes", tokens[0], body, key);
        Api.Answer second = vote(pollId, 0, "b");

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.body().get("voteId").asText()).isEqualTo(first.body().get("voteId").asText());
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("already-voted");
        assertThat(tally(pollId).get("accepted").asLong()).isEqualTo(1);

        String later = newPoll(List.of(), Map.of("opensAt", Instant.now().plusSeconds(600).toString()));
        assertThat(vote(later, 1, "a").code()).isEqualTo("not-open");
        String closed = newPoll(List.of(), Map.of("opensAt", Instant.now().minusSeconds(600).toString(),
                "closesAt", Instant.now().minusSeconds(60).toString()));
        assertThat(vote(closed, 1, "a").status()).isEqualTo(409);
        assertThat(vote(closed, 1, "a").code()).isEqualTo("closed");

        // a poll behind a waiting room refuses a vote without an admission token
        Api.Answer room = api.put("/v1/admin/rooms/poll-room", admin, Api.json(Map.of("admitPerSecond", 0,
                "admissionTtlSeconds", 600, "opensAt", Instant.now().minusSeconds(1).toString())));
        assertThat(room.status()).isIn(200, 201);
        String gated = newPoll(List.of(), Map.of("roomId", "poll-room"));
        Api.Answer refused = vote(gated, 1, "a");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("not-admitted");
        assertThat(tally(gated).get("accepted").asLong()).isZero();
    }
}
