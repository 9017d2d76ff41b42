package dev.rushgate.localstack.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operators' webhook (issue 20 item 4) on the real stack: a poll's alert, and the alarm of a dead-letter queue that
 * received a message (the local stack's stand-in for the cloud's CloudWatch alarm and its SNS topic), each reach it
 * once, in Slack's shape, with the alert's id as {@code Idempotency-Key}.
 */
@ExtendWith(SharedStack.class)
class AdminAlertsE2E {

    private static Api api;
    private static String admin;
    private static HttpServer hook;
    private static final List<String[]> posts = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void setUp() throws IOException {
        api = SharedStack.api();
        admin = api.token("alerts-admin", "admin");
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/admins", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posts.add(new String[]{exchange.getRequestHeaders().getFirst("Idempotency-Key"), body});
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        // the operators configure their webhook; a new environment of the consumer reads it, as after a deployment
        System.setProperty(EnvNames.ADMIN_WEBHOOK, "http://127.0.0.1:" + hook.getAddress().getPort() + "/admins");
        SharedStack.stack().recycle("alert-admins");
    }

    @AfterAll
    static void tearDown() {
        System.clearProperty(EnvNames.ADMIN_WEBHOOK);
        SharedStack.stack().recycle("alert-admins");
        hook.stop(0);
    }

    @Test
    void aPollsAlert_reachesTheOperatorsWebhookOnce() throws InterruptedException {
        // given a poll that alerts at its first vote
        String pollId = "admin-alert-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = api.put("/v1/admin/polls/" + pollId, admin, Api.json(Map.of("question", "Tea or coffee?",
                "options", List.of(Map.of("id", "tea", "label", "Tea"), Map.of("id", "coffee", "label", "Coffee")),
                "opensAt", Instant.now().minusSeconds(1).toString(),
                "closesAt", Instant.now().plusSeconds(3600).toString(),
                "alerts", List.of(Map.of("threshold", 1)))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);

        // when someone votes
        Api.Answer vote = api.post("/v1/polls/" + pollId + "/votes", api.token("alert-voter-" + pollId),
                "{\"optionId\":\"tea\"}");
        assertThat(vote.status()).as(vote.raw()).isEqualTo(202);

        // then the operators hear of it once, by its alert id
        String id = "poll-alert/" + pollId + "/*/1";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> posts(id).size() == 1);
        Thread.sleep(1_500);
        assertThat(posts(id)).singleElement().asString()
                .startsWith("{\"text\":").contains("Poll " + pollId + " reached 1 votes");
    }

    @Test
    void aMessageInADeadLetterQueue_raisesItsAlarm_whichReachesTheOperatorsWebhookOnce() throws InterruptedException {
        // given a message that ended in a dead-letter queue (as after its tries)
        var env = SharedStack.stack().environment();
        String dlq = Rushgate.ADMIN_ALERTS_QUEUE + "-dlq";
        SqsClient sqs = LocalAwsClients.sqs(SharedStack.stack().engines().sqsEndpoint());
        String dlqUrl = env.get(EnvNames.queueUrl(dlq));
        sqs.sendMessage(b -> b.queueUrl(dlqUrl).messageBody("{\"refused\":\"by the webhook, six times\"}"));

        // when the alarms are next evaluated, then the operators hear that alarm once
        String prefix = "alarm/rushgate-" + dlq + "-not-empty/ALARM/";
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> posts(prefix).size() == 1);
        assertThat(posts(prefix)).singleElement().asString().contains(":rotating_light: ALARM rushgate-" + dlq
                + "-not-empty (local)", "wait in " + dlq);
        // and not again while the queue still holds it (a further evaluation)
        Thread.sleep(6_000);
        assertThat(posts(prefix)).hasSize(1);
        sqs.purgeQueue(b -> b.queueUrl(dlqUrl));
    }

    /** The bodies posted with an Idempotency-Key that starts with {@code key}. */
    private static List<String> posts(String key) {
        synchronized (posts) {
            return posts.stream().filter(p -> p[0] != null && p[0].startsWith(key)).map(p -> p[1]).toList();
        }
    }
}
