package dev.rushgate.localstack.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.localstack.engine.EngineOptions;
import dev.rushgate.localstack.engine.Engines;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.localstack.provision.Provisioner;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.TableSpec;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DynamoStreamPollerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final TableSpec POSTS = new TableSpec("posts", "postId", null).withStream("NEW_AND_OLD_IMAGES");
    private static final TableSpec LEDGER = new TableSpec("ledger", "id", null).withStream("NEW_IMAGE");
    private static final TableSpec TALLY = new TableSpec("tally", "id", null).withStream("NEW_IMAGE");
    private static final TableSpec ARTICLES = new TableSpec("articles", "id", null).withStream("NEW_AND_OLD_IMAGES");
    private static final QueueSpec POSTS_FAILED = QueueSpec.failures("posts-failed");
    private static final QueueSpec LEDGER_FAILED = QueueSpec.failures("ledger-failed");
    private static final QueueSpec TALLY_FAILED = QueueSpec.failures("tally-failed");

    private static Engines engines;
    private static Map<String, String> env;
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;

    @BeforeAll
    static void startEngines() {
        engines = Engines.start(EngineOptions.ephemeral());
        env = new Provisioner(new Declaration(List.of(), List.of(POSTS_FAILED, LEDGER_FAILED, TALLY_FAILED),
                List.of(), List.of(POSTS, LEDGER, TALLY, ARTICLES)), engines).provision();
        dynamo = LocalAwsClients.dynamo(engines.dynamoEndpoint());
        sqs = LocalAwsClients.sqs(engines.sqsEndpoint());
    }

    @AfterAll
    static void stopEngines() {
        if (dynamo != null) dynamo.close();
        if (sqs != null) sqs.close();
        if (engines != null) engines.close();
    }

    @Test
    void deliversInsertModifyAndRemoveInCommitOrder_withTheirImagesAndEveryAttributeType() {
        // given
        List<DynamodbEvent.DynamodbStreamRecord> seen = new CopyOnWriteArrayList<>();
        RequestHandler<DynamodbEvent, StreamsEventResponse> handler = (event, context) -> {
            seen.addAll(event.getRecords());
            return new StreamsEventResponse(List.of());
        };
        put(POSTS, Map.of("postId", s("p-1"), "title", s("draft"), "views", n("7"),
                "cover", AttributeValue.fromB(SdkBytes.fromUtf8String("png")),
                "tags", AttributeValue.fromSs(List.of("a", "b")),
                "scores", AttributeValue.fromNs(List.of("1", "2.5")),
                "blocks", AttributeValue.fromL(List.of(s("intro"), n("3"))),
                "author", AttributeValue.fromM(Map.of("name", s("Ada"), "verified", AttributeValue.fromBool(true))),
                "deletedAt", AttributeValue.fromNul(true)));
        put(POSTS, Map.of("postId", s("p-1"), "title", s("final"), "views", n("8")));
        dynamo.deleteItem(b -> b.tableName(POSTS.id()).key(Map.of("postId", s("p-1"))));

        // when
        try (var poller = poller("feed-posts", new Trigger.DynamoStream(POSTS.id(), 100, 2, false, POSTS_FAILED.id()),
                handler)) {
            poller.start();

            // then
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 3);
        }
        assertThat(seen).extracting(DynamodbEvent.DynamodbStreamRecord::getEventName)
                .containsExactly("INSERT", "MODIFY", "REMOVE");
        assertThat(seen).extracting(r -> new BigInteger(r.getDynamodb().getSequenceNumber())).isSorted();
        var insert = seen.get(0).getDynamodb();
        assertThat(insert.getOldImage()).isNull();
        assertThat(insert.getKeys().get("postId").getS()).isEqualTo("p-1");
        assertThat(insert.getNewImage().get("views").getN()).isEqualTo("7");
        assertThat(insert.getNewImage().get("cover").getB()).isEqualTo(ByteBuffer.wrap("png".getBytes(StandardCharsets.UTF_8)));
        assertThat(insert.getNewImage().get("tags").getSS()).containsExactlyInAnyOrder("a", "b");
        assertThat(insert.getNewImage().get("scores").getNS()).containsExactlyInAnyOrder("1", "2.5");
        assertThat(insert.getNewImage().get("blocks").getL()).extracting(v -> v.getS() != null ? v.getS() : v.getN())
                .containsExactly("intro", "3");
        assertThat(insert.getNewImage().get("author").getM().get("name").getS()).isEqualTo("Ada");
        assertThat(insert.getNewImage().get("author").getM().get("verified").getBOOL()).isTrue();
        assertThat(insert.getNewImage().get("deletedAt").getNULL()).isTrue();
        assertThat(insert.getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        var modify = seen.get(1).getDynamodb();
        assertThat(modify.getOldImage().get("title").getS()).isEqualTo("draft");
        assertThat(modify.getNewImage().get("title").getS()).isEqualTo("final");
        var remove = seen.get(2).getDynamodb();
        assertThat(remove.getNewImage()).isNull();
        assertThat(remove.getOldImage().get("title").getS()).isEqualTo("final");
        assertThat(seen.getFirst().getEventSource()).isEqualTo("aws:dynamodb");
        assertThat(seen.getFirst().getEventSourceARN()).startsWith("arn:aws:dynamodb:").contains(":table/posts/stream/");
        assertThat(seen.getFirst().getAwsRegion()).isEqualTo("us-east-1");
    }

    @Test
    void retriesFromTheReportedFailure_andAfterMaxRetriesDescribesTheRestOfTheBatchOnTheFailureQueue() throws Exception {
        // given
        List<String> handled = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        Map<String, String> sequenceOf = new ConcurrentHashMap<>();
        RequestHandler<DynamodbEvent, StreamsEventResponse> handler = (event, context) -> {
            for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
                String id = r.getDynamodb().getKeys().get("id").getS();
                sequenceOf.put(id, r.getDynamodb().getSequenceNumber());
                attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                if (id.equals("poison")) {
                    return new StreamsEventResponse(List.of(
                            new StreamsEventResponse.BatchItemFailure(r.getDynamodb().getSequenceNumber())));
                }
                handled.add(id);
            }
            return new StreamsEventResponse(List.of());
        };
        for (String id : List.of("a", "b", "poison", "c", "d")) put(LEDGER, Map.of("id", s(id)));
        int maxRetries = 2;

        // when
        try (var poller = poller("post-ledger", new Trigger.DynamoStream(LEDGER.id(), 10, maxRetries, false,
                LEDGER_FAILED.id()), handler)) {
            poller.start();

            // then
            List<JsonNode> failed = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                failed.addAll(receive(LEDGER_FAILED));
                return !failed.isEmpty();
            });
            JsonNode info = failed.getFirst().get("DDBStreamBatchInfo");
            assertThat(info.get("startSequenceNumber").asText()).isEqualTo(sequenceOf.get("poison"));
            assertThat(new BigInteger(info.get("endSequenceNumber").asText()))
                    .isGreaterThan(new BigInteger(sequenceOf.get("poison")));
            assertThat(info.get("batchSize").asInt()).as("Lambda gives up on the rest of the batch").isEqualTo(3);
            assertThat(info.get("streamArn").asText()).contains(":table/ledger/stream/");
            assertThat(info.get("shardId").asText()).isNotBlank();
            assertThat(failed.getFirst().at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
            assertThat(attempts.get("poison")).hasValue(1 + maxRetries);

            put(LEDGER, Map.of("id", s("e")));
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.contains("e"));
        }
        assertThat(handled).containsExactly("a", "b", "e");
    }

    @Test
    void bisectsAFailingBatch_soOnlyThePoisonRecordReachesTheFailureQueue() throws Exception {
        // given
        List<String> handled = new CopyOnWriteArrayList<>();
        Map<String, String> sequenceOf = new ConcurrentHashMap<>();
        AtomicInteger invocations = new AtomicInteger();
        RequestHandler<DynamodbEvent, StreamsEventResponse> handler = (event, context) -> {
            invocations.incrementAndGet();
            List<String> ids = event.getRecords().stream().map(r -> {
                String id = r.getDynamodb().getKeys().get("id").getS();
                sequenceOf.put(id, r.getDynamodb().getSequenceNumber());
                return id;
            }).toList();
            if (ids.contains("r5")) throw new IllegalStateException("cannot tally r5");
            handled.addAll(ids);
            return new StreamsEventResponse(List.of());
        };
        List<String> ids = List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
        for (String id : ids) put(TALLY, Map.of("id", s(id)));

        // when
        try (var poller = poller("count-tally", new Trigger.DynamoStream(TALLY.id(), 10, 1, true, TALLY_FAILED.id()),
                handler)) {
            poller.start();

            // then
            await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == ids.size() - 1);
            List<JsonNode> failed = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                failed.addAll(receive(TALLY_FAILED));
                return !failed.isEmpty();
            });
            JsonNode info = failed.getFirst().get("DDBStreamBatchInfo");
            assertThat(info.get("batchSize").asInt()).isEqualTo(1);
            assertThat(info.get("startSequenceNumber").asText()).isEqualTo(sequenceOf.get("r5"))
                    .isEqualTo(info.get("endSequenceNumber").asText());
        }
        assertThat(handled).containsExactly("r0", "r1", "r2", "r3", "r4", "r6", "r7");
        assertThat(invocations.get()).isGreaterThan(3);
    }

    @Test
    void passesOnlyTheRecordsAFilterPatternMatches() {
        // given
        List<String> seen = new CopyOnWriteArrayList<>();
        RequestHandler<DynamodbEvent, StreamsEventResponse> handler = (event, context) -> {
            event.getRecords().forEach(r -> seen.add(r.getEventName() + " " + r.getDynamodb().getKeys().get("id").getS()));
            return new StreamsEventResponse(List.of());
        };
        put(ARTICLES, Map.of("id", s("x"), "status", s("DRAFT")));
        put(ARTICLES, Map.of("id", s("y"), "status", s("PUBLISHED")));
        put(ARTICLES, Map.of("id", s("z"), "status", s("DRAFT")));
        var trigger = new Trigger.DynamoStream(ARTICLES.id(), 10, 0, false, POSTS_FAILED.id(),
                List.of("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"PUBLISHED\"]}}}}"));

        // when
        try (var poller = poller("feed-articles", trigger, handler)) {
            poller.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("INSERT y"));
            put(ARTICLES, Map.of("id", s("x"), "status", s("PUBLISHED")));
            put(ARTICLES, Map.of("id", s("w"), "status", s("DRAFT")));
            put(ARTICLES, Map.of("id", s("v"), "status", s("PUBLISHED")));

            // then
            await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("INSERT v"));
        }
        assertThat(seen).containsExactly("INSERT y", "MODIFY x", "INSERT v");
    }

    private static DynamoStreamPoller poller(String functionId, Trigger.DynamoStream trigger,
                                             RequestHandler<DynamodbEvent, StreamsEventResponse> handler) {
        return new DynamoStreamPoller(functionId, trigger, engines.dynamoEndpoint(),
                env.get(EnvNames.queueUrl(trigger.onFailureQueue())), sqs, handler, TIMEOUT);
    }

    private static void put(TableSpec table, Map<String, AttributeValue> item) {
        dynamo.putItem(b -> b.tableName(table.id()).item(item));
    }

    private static List<JsonNode> receive(QueueSpec queue) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var m : sqs.receiveMessage(b -> b.queueUrl(env.get(EnvNames.queueUrl(queue.id())))
                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
            out.add(JSON.readTree(m.body()));
        }
        return out;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
