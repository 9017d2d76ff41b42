package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator's dead-letter view and redrive on the real stack: a claim whose message ended in the
 * claims dead-letter queue (as after five failed tries) shows up in the view, and a redrive sends it back
 * so that it is stored after all.
 */
@ExtendWith(SharedStack.class)
class DeadLettersE2E {

    private static Api api;
    private static String admin;
    private static SqsClient sqs;
    private static String claimsUrl;
    private static String claimsDlqUrl;

    @BeforeAll
    static void setUp() {
        api = SharedStack.api();
        admin = api.token("ops-1", "admin");
        sqs = LocalAwsClients.sqs(SharedStack.stack().engines().sqsEndpoint());
        Map<String, String> env = SharedStack.stack().environment();
        claimsUrl = env.get(EnvNames.queueUrl(Rushgate.CLAIMS_QUEUE));
        claimsDlqUrl = env.get(EnvNames.queueUrl(Rushgate.CLAIMS_QUEUE + "-dlq"));
    }

    @AfterEach
    void consumerRunsAgain() {
        SharedStack.stack().startConsumer("store-claims");
    }

    @Test
    void listsEveryDeclaredSource_withCountAndSample_andARedriveStoresTheClaimAfterAll() {
        // given a claim accepted while its consumer was down, whose message then went to the dead-letter queue
        String dropId = "dead-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/v1/admin/drops/" + dropId, admin, Api.json(Map.of("name", "Coupon", "stock", 5,
                "perUserLimit", 1, "opensAt", Instant.now().minusSeconds(1).toString()))).status()).isEqualTo(201);
        SharedStack.stack().killConsumer("store-claims");
        String user = api.token("dead-letter-user");
        Api.Answer claim = api.post("/v1/drops/" + dropId + "/claims", user, null);
        assertThat(claim.status()).as(claim.raw()).isEqualTo(202);
        String claimId = claim.body().get("claimId").asText();
        moveOneMessage(claimsUrl, claimsDlqUrl, claimId);
        SharedStack.stack().startConsumer("store-claims");

        // when the operator looks
        Api.Answer view = api.get("/v1/admin/dead-letters", admin);

        // then every declared source is listed, and the claim's message is in the claims sample
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        assertThat(view.body().get("deadLetters")).extracting(s -> s.get("name").asText())
                .containsExactlyInAnyOrderElementsOf(Rushgate.declaration().deadLetterSources().stream()
                        .map(s -> s.name()).toList());
        JsonNode claims = source(view.body(), Rushgate.CLAIMS_QUEUE);
        assertThat(claims.get("kind").asText()).isEqualTo("QUEUE");
        assertThat(claims.get("queue").asText()).isEqualTo("claims-dlq");
        assertThat(claims.get("count").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(claims.get("sample")).anySatisfy(m -> assertThat(m.get("body").asText()).contains(claimId));
        assertThat(status(dropId, claimId, user)).isEqualTo("ACCEPTED");

        // when the operator redrives the claims queue
        Api.Answer redriven = api.post("/v1/admin/dead-letters/claims/redrive", admin, null);

        // then a move task takes the message back, the view shows how it went, and the claim is stored after all
        assertThat(redriven.status()).as(redriven.raw()).isEqualTo(202);
        assertThat(redriven.body().get("move").get("toMove").asLong()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(dropId, claimId, user).equals("CONFIRMED"));
        JsonNode after = source(api.get("/v1/admin/dead-letters", admin).body(), Rushgate.CLAIMS_QUEUE);
        assertThat(after.get("count").asLong()).isZero();
        assertThat(after.get("move").get("status").asText()).isEqualTo("COMPLETED");
        assertThat(after.get("move").get("moved").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void looksAtAFailureQueueNeverMoveItsMessagesOutOfView() {
        // given a failed batch recorded in votes-failed, as count-votes' on-failure destination records one
        String failedUrl = SharedStack.stack().environment().get(EnvNames.queueUrl(Rushgate.VOTES_FAILED_QUEUE));
        String marker = "failed-batch-" + UUID.randomUUID();
        sqs.sendMessage(b -> b.queueUrl(failedUrl).messageBody("{\"marker\":\"" + marker + "\"}"));

        // when the operator looks more often than any maxReceiveCount would allow
        for (int look = 0; look < 8; look++) {
            assertThat(api.get("/v1/admin/dead-letters", admin).status()).isEqualTo(200);
        }

        // then the batch is still listed under its topic
        JsonNode votes = source(api.get("/v1/admin/dead-letters", admin).body(), Rushgate.VOTES_TOPIC);
        assertThat(votes.get("queue").asText()).isEqualTo(Rushgate.VOTES_FAILED_QUEUE);
        assertThat(votes.get("sample")).anySatisfy(m -> assertThat(m.get("body").asText()).contains(marker));
        sqs.purgeQueue(b -> b.queueUrl(failedUrl));
    }

    /** What five failed receives would do: the message leaves the queue for its dead-letter queue. */
    private static void moveOneMessage(String from, String to, String containing) {
        var message = await().atMost(Duration.ofSeconds(10)).until(
                () -> sqs.receiveMessage(b -> b.queueUrl(from).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                        .stream().filter(m -> m.body().contains(containing)).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
        sqs.sendMessage(b -> b.queueUrl(to).messageBody(message.body()));
        sqs.deleteMessage(b -> b.queueUrl(from).receiptHandle(message.receiptHandle()));
    }

    private static JsonNode source(JsonNode view, String name) {
        for (JsonNode s : view.get("deadLetters")) {
            if (s.get("name").asText().equals(name)) return s;
        }
        throw new AssertionError("no dead-letter source " + name + " in " + view);
    }

    private static String status(String dropId, String claimId, String token) {
        return api.get("/v1/drops/" + dropId + "/claims/" + claimId, token).body().get("status").asText();
    }
}
