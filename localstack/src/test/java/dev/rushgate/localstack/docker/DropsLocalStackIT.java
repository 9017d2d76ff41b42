package dev.rushgate.localstack.docker;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.drops.handler.ClaimDropHttpHandler;
import dev.rushgate.drops.handler.GetDropHttpHandler;
import dev.rushgate.drops.handler.PutDropHttpHandler;
import dev.rushgate.drops.handler.StoreClaimsSqsHandler;
import dev.rushgate.localstack.events.LocalContext;
import dev.rushgate.localstack.provision.Provisioner;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.platform.Clients;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.TableSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import redis.embedded.RedisServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drops path through the real handlers against LocalStack's SQS and DynamoDB (in Docker, through
 * Testcontainers), with an embedded Redis for the stock: an admin defines a drop, a user claims it, the claim
 * message is taken from LocalStack's queue and handed to the storing consumer as Lambda would, and the claim is
 * stored in LocalStack's DynamoDB exactly once, however often the message is delivered.
 *
 * <p><b>Skipped without Docker.</b> Where no Docker engine answers (as on the machine this was written on), the
 * class is disabled with the reason "Docker is not available: the LocalStack path is skipped; the embedded stack
 * covers the same handlers" ({@code DropsE2E} and the engine-backed {@code *IT} tests run the same handlers
 * against DynamoDB Local and ElasticMQ). It has not run against LocalStack there; its body was checked once with
 * those embedded engines in place of the container.
 *
 * <p>The image is {@code localstack/localstack:4.14.0}, the last LocalStack release that starts without an
 * account; override it with {@code -Drushgate.localstack.image=...} and, for 2026.03 and later, export
 * {@code LOCALSTACK_AUTH_TOKEN}, which is passed on to the container.
 *
 * <p>The tables and queues are provisioned from the wiring declaration by the same step the embedded stack uses,
 * {@link Provisioner#provisionTablesAndQueues}, pointed at LocalStack's endpoints.
 */
@EnabledIf(value = "dockerIsAvailable",
        disabledReason = "Docker is not available: the LocalStack path is skipped; the embedded stack covers the same handlers")
@Testcontainers(disabledWithoutDocker = true)
class DropsLocalStackIT {

    /** The last LocalStack release that runs without an auth token (February 2026). */
    static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Declaration DECLARATION = Rushgate.declaration();

    // Started here rather than as a static @Container: LocalStackContainer's constructor already asks Docker for
    // its socket, which would fail the class's initialisation instead of letting it be skipped.
    private static LocalStackContainer localStack;
    private static RedisServer redis;
    private static SqsClient sqs;
    private static DynamoDbClient dynamo;
    private static String claimsQueueUrl;
    /** The system properties this class set, with the values they had before (null: absent). */
    private static final Map<String, String> PREVIOUS = new LinkedHashMap<>();

    static boolean dockerIsAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    private static LocalStackContainer localStack() {
        var container = new LocalStackContainer(DockerImageName.parse(
                        System.getProperty("rushgate.localstack.image", DEFAULT_IMAGE))
                        .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("dynamodb", "sqs");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        return container;
    }

    @BeforeAll
    static void provisionAndConfigure() throws IOException {
        localStack = localStack();
        localStack.start();
        URI endpoint = localStack.getEndpoint();
        sqs = LocalAwsClients.sqs(endpoint);
        dynamo = LocalAwsClients.dynamo(endpoint);
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvNames.DYNAMODB_ENDPOINT, endpoint.toString());
        env.put(EnvNames.SQS_ENDPOINT, endpoint.toString());
        env.putAll(Provisioner.provisionTablesAndQueues(DECLARATION, dynamo, sqs));
        claimsQueueUrl = env.get(EnvNames.queueUrl(Rushgate.CLAIMS_QUEUE));

        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").build();
        redis.start();
        env.put(EnvNames.REDIS_ENDPOINT, "127.0.0.1:" + port);
        env.put(EnvNames.REDIS_TLS, "false");

        // The functions read their configuration when their handlers are built and their clients on first use.
        env.forEach((name, value) -> PREVIOUS.put(name, System.setProperty(name, value)));
        Clients.get().reset();
    }

    @AfterAll
    static void restore() throws IOException {
        Clients.get().reset();
        PREVIOUS.forEach((name, value) -> {
            if (value == null) System.clearProperty(name);
            else System.setProperty(name, value);
        });
        PREVIOUS.clear();
        if (sqs != null) sqs.close();
        if (dynamo != null) dynamo.close();
        if (redis != null) redis.stop();
        if (localStack != null) localStack.stop();
    }

    @Test
    void storesAClaimOnceInLocalStack_evenWhenItsMessageIsDeliveredTwice() throws IOException {
        // given a drop of 10, open now, defined by an admin through the real handler
        String dropId = "ls-" + UUID.randomUUID().toString().substring(0, 8);
        APIGatewayV2HTTPResponse created = new PutDropHttpHandler().handleRequest(httpEvent("PUT",
                "/v1/admin/drops/{dropId}", Map.of("dropId", dropId),
                "{\"name\":\"Coupon\",\"stock\":10,\"perUserLimit\":1,\"opensAt\":\""
                        + Instant.now().minusSeconds(1) + "\"}",
                Map.of("sub", "admin-1", "roles", "[admin]")), context("put-drop"));
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);

        // when a user claims it
        APIGatewayV2HTTPResponse claimed = new ClaimDropHttpHandler().handleRequest(httpEvent("POST",
                "/v1/drops/{dropId}/claims", Map.of("dropId", dropId), null,
                Map.of("sub", "user-1")), context("claim-drop"));
        assertThat(claimed.getStatusCode()).as(claimed.getBody()).isEqualTo(202);
        String claimId = JSON.readTree(claimed.getBody()).get("claimId").asText();

        // and its message, taken from LocalStack's queue, is handed to the consumer as Lambda would
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(claimsQueueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(10).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(received).hasSize(1);
        assertThat(JSON.readTree(received.getFirst().body()).get("claimId").asText()).isEqualTo(claimId);
        SQSEvent batch = sqsEvent(received);
        StoreClaimsSqsHandler store = new StoreClaimsSqsHandler();
        SQSBatchResponse first = store.handleRequest(batch, context("store-claims"));

        // then the claim is stored in LocalStack's DynamoDB and confirmed once
        assertThat(first.getBatchItemFailures()).isEmpty();
        Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(Rushgate.CLAIMS_TABLE)
                .consistentRead(true).key(Map.of("dropId", AttributeValue.fromS(dropId),
                        "claimId", AttributeValue.fromS(claimId)))).item();
        assertThat(stored).isNotEmpty();
        assertThat(stored.get("userId").s()).isEqualTo("user-1");
        assertThat(confirmed(dropId)).isEqualTo(1);

        // when the same message is delivered again (Lambda's at-least-once delivery)
        SQSBatchResponse again = store.handleRequest(batch, context("store-claims"));

        // then nothing more is stored, and the API shows one accepted and one confirmed claim
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(confirmed(dropId)).isEqualTo(1);
        assertThat(dynamo.query(q -> q.tableName(Rushgate.CLAIMS_TABLE).consistentRead(true)
                .keyConditionExpression("dropId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(dropId)))).count()).isEqualTo(1);
        APIGatewayV2HTTPResponse view = new GetDropHttpHandler().handleRequest(httpEvent("GET",
                "/v1/drops/{dropId}", Map.of("dropId", dropId), null, Map.of("sub", "user-1")), context("get-drop"));
        assertThat(view.getStatusCode()).as(view.getBody()).isEqualTo(200);
        JsonNode counts = JSON.readTree(view.getBody());
        assertThat(counts.get("accepted").asInt()).isEqualTo(1);
        assertThat(counts.get("confirmed").asInt()).isEqualTo(1);
    }

    private static long confirmed(String dropId) {
        AttributeValue confirmed = dynamo.getItem(b -> b.tableName(Rushgate.DROPS_TABLE).consistentRead(true)
                .key(Map.of("dropId", AttributeValue.fromS(dropId)))).item().get("confirmed");
        return confirmed == null ? 0 : Long.parseLong(confirmed.n());
    }

    private static LocalContext context(String functionId) {
        return new LocalContext(functionId, Duration.ofSeconds(30), 512);
    }

    /**
     * An HTTP API (v2) event as API Gateway sends it after its JWT authorizer: the route key, the matched path
     * parameters, and the verified claims in {@code requestContext.authorizer.jwt.claims}.
     */
    private static APIGatewayV2HTTPEvent httpEvent(String method, String pathTemplate, Map<String, String> params,
                                                   String body, Map<String, String> claims) {
        String path = pathTemplate;
        for (var param : params.entrySet()) path = path.replace("{" + param.getKey() + "}", param.getValue());
        String routeKey = method + " " + pathTemplate;
        Instant now = Instant.now();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1")
                .withUserAgent("DropsLocalStackIT").build();
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                .withClaims(claims).withScopes(List.of()).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId(LocalAwsClients.ACCOUNT).withApiId("localstack-it").withDomainName("localhost")
                .withDomainPrefix("localhost").withStage("$default").withRouteKey(routeKey)
                .withRequestId(UUID.randomUUID().toString()).withHttp(http)
                .withTimeEpoch(now.toEpochMilli())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build());
        Map<String, String> headers = new HashMap<>(Map.of("user-agent", "DropsLocalStackIT"));
        if (body != null) headers.put("content-type", "application/json");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(path).withRawQueryString("")
                .withHeaders(headers).withPathParameters(params).withRequestContext(context.build())
                .withBody(body).withIsBase64Encoded(false).build();
    }

    /** The SQS event Lambda's event source mapping would build from these messages. */
    private static SQSEvent sqsEvent(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            r.setAttributes(new HashMap<>(m.attributesAsStrings()));
            r.setMessageAttributes(Map.of());
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(LocalAwsClients.queueArn(claimsQueueUrl));
            r.setAwsRegion(LocalAwsClients.REGION);
            records.add(r);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
