package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.model.NoticeIssued;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notices (issue 20) on the real stack: a confirmed claim and an order's outcomes reach {@code GET /v1/me/notifications}
 * unread first, marking read moves them after the unread, a drop's webhook that fails is retried with the same
 * {@code Idempotency-Key} until it takes the notice (once), and a notice in {@code notices-dlq} is listed by the
 * dead-letter view and stored once by a redrive.
 */
@ExtendWith(SharedStack.class)
class NoticesE2E {

    private static Api api;
    private static String admin;
    private static HttpServer hook;
    /** The webhook answers 500 while this is above zero, counting down. */
    private static final AtomicInteger failuresLeft = new AtomicInteger();
    private static final List<String[]> calls = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void setUp() throws IOException {
        api = SharedStack.api();
        admin = api.token("notices-admin", "admin");
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new String[]{exchange.getRequestHeaders().getFirst("Idempotency-Key"), body});
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterAll
    static void tearDown() {
        hook.stop(0);
    }

    @Test
    void aConfirmedClaimIsNoticedOnce_andItsDropsWebhookIsRetriedUntilItTakesIt() {
        // given a drop with a webhook that fails twice before it takes anything
        String dropId = "notice-" + UUID.randomUUID().toString().substring(0, 8);
        String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
        Api.Answer put = api.put("/v1/admin/drops/" + dropId, admin, Api.json(Map.of("name", "Coupon", "stock", 5,
                "opensAt", Instant.now().minusSeconds(1).toString(), "webhookUrl", url)));
        assertThat(put.status()).as(put.raw()).isEqualTo(201);
        failuresLeft.set(2);
        String user = api.token("claimant-" + dropId);

        // when the user claims
        Api.Answer claim = api.post("/v1/drops/" + dropId + "/claims", user, null);
        assertThat(claim.status()).as(claim.raw()).isEqualTo(202);
        String claimId = claim.body().get("claimId").asText();

        // then they are told it is CONFIRMED, stored at once though the webhook still fails
        JsonNode notice = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> items(user), items -> !items.isEmpty()).getFirst();
        String noticeId = "claim-" + claimId + "-confirmed";
        assertThat(notice.get("notificationId").asText()).isEqualTo(noticeId);
        assertThat(notice.get("kind").asText()).isEqualTo("CLAIM_CONFIRMED");
        assertThat(notice.get("dropId").asText()).isEqualTo(dropId);
        assertThat(notice.get("read").asBoolean()).isFalse();
        // and the webhook is asked again, put off longer each time, until it takes it; then never again
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> calls(noticeId).size() == 3);
        sleep(1_500);
        assertThat(calls(noticeId)).hasSize(3).allSatisfy(body -> assertThat(body).contains("\"text\"", claimId));
        assertThat(items(user)).hasSize(1);
    }

    @Test
    void anOrdersOutcomesAreNoticed_unreadFirst_andMarkingReadMovesThemAfterTheUnread() {
        // given a buyer whose first card is declined, whose second order is confirmed, then cancelled and refunded
        String showId = "notice-show-" + UUID.randomUUID().toString().substring(0, 8);
        failuresLeft.set(0);
        Api.Answer show = api.put("/v1/admin/shows/" + showId, admin, Api.json(Map.of("name", "Gig",
                "startsAt", "2027-01-01T20:00:00Z", "webhookUrl", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook",
                "sections", List.of(Map.of("id", "A", "rows", 1, "seatsPerRow", 4, "priceCents", 2500)))));
        assertThat(show.status()).as(show.raw()).isEqualTo(201);
        String buyer = api.token("buyer-" + showId);
        String declined = order(showId, buyer, "tok_declined");
        awaitNotice(buyer, "order-" + declined + "-failed");
        String paid = order(showId, buyer, "tok_ok");
        awaitNotice(buyer, "order-" + paid + "-confirmed");
        assertThat(api.post("/v1/orders/" + paid + "/cancel", buyer, null).status()).isEqualTo(200);
        JsonNode refunded = awaitNotice(buyer, "order-" + paid + "-refunded");
        assertThat(refunded.get("kind").asText()).isEqualTo("ORDER_REFUNDED");
        assertThat(refunded.get("amountCents").asLong()).isEqualTo(2500);
        assertThat(ids(buyer)).containsExactly("order-" + paid + "-refunded", "order-" + paid + "-confirmed",
                "order-" + declined + "-failed");
        // and the show's webhook heard each outcome once, in Slack's shape
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> calls("order-" + paid + "-refunded").size() == 1);
        assertThat(calls("order-" + paid + "-confirmed")).singleElement().asString().contains("\"text\"", paid, "confirmed");
        assertThat(calls("order-" + declined + "-failed")).hasSize(1);

        // when they mark the newest and the failure read, with an id of someone else's and one that never was
        String someoneElses = "order-" + paid + "-confirmed";
        Api.Answer marked = api.post("/v1/me/notifications/read", buyer, Api.json(Map.of("notificationIds",
                List.of("order-" + paid + "-refunded", "order-" + declined + "-failed", "claim-nothing-confirmed"))));
        Api.Answer byStranger = api.post("/v1/me/notifications/read", api.token("stranger-" + showId),
                Api.json(Map.of("notificationIds", List.of(someoneElses))));
        Api.Answer again = api.post("/v1/me/notifications/read", buyer, Api.json(Map.of("notificationIds",
                List.of("order-" + paid + "-refunded"))));

        // then the two are read, the unread one comes first, and nothing else changed
        assertThat(marked.status()).as(marked.raw()).isEqualTo(200);
        assertThat(marked.body().get("marked").asInt()).isEqualTo(2);
        assertThat(byStranger.body().get("marked").asInt()).isZero();
        assertThat(again.body().get("marked").asInt()).isZero();
        List<JsonNode> items = items(buyer);
        assertThat(items).extracting(n -> n.get("notificationId").asText()).containsExactly(someoneElses,
                "order-" + paid + "-refunded", "order-" + declined + "-failed");
        assertThat(items).extracting(n -> n.get("read").asBoolean()).containsExactly(false, true, true);
        assertThat(items.get(1).has("readAt")).isTrue();
        // and pages of one walk the same order
        Api.Answer first = api.get("/v1/me/notifications?limit=1", buyer);
        Api.Answer second = api.get("/v1/me/notifications?limit=1&cursor=" + first.body().get("nextCursor").asText(), buyer);
        assertThat(second.body().get("items").get(0).get("notificationId").asText())
                .isEqualTo("order-" + paid + "-refunded");
    }

    @Test
    void aNoticeInTheDeadLetterQueueIsListed_andARedriveStoresItOnce() {
        // given a notice that ended in notices-dlq (as after its tries), and the same notice stored before
        Map<String, String> env = SharedStack.stack().environment();
        SqsClient sqs = LocalAwsClients.sqs(SharedStack.stack().engines().sqsEndpoint());
        String user = "dead-notice-" + UUID.randomUUID().toString().substring(0, 8);
        NoticeIssued fact = new NoticeIssued("claim-" + user + "-confirmed", user, NoticeIssued.CLAIM_CONFIRMED,
                "some-drop", user, null, null, null, List.of(), null, null, Instant.now().toEpochMilli(), null);
        String body = Api.json(fact);
        sqs.sendMessage(b -> b.queueUrl(env.get(EnvNames.queueUrl(Rushgate.NOTICES_QUEUE))).messageBody(body));
        String token = api.token(user);
        awaitNotice(token, fact.notificationId());
        sqs.sendMessage(b -> b.queueUrl(env.get(EnvNames.queueUrl(Rushgate.NOTICES_QUEUE + "-dlq"))).messageBody(body));

        // when the operator looks, then redrives notices
        JsonNode source = notices(api.get("/v1/admin/dead-letters", admin).body());
        Api.Answer redriven = api.post("/v1/admin/dead-letters/notices/redrive", admin, null);

        // then the view lists it under the notices queue, and the redrive stores nothing twice
        assertThat(source.get("kind").asText()).isEqualTo("QUEUE");
        assertThat(source.get("queue").asText()).isEqualTo("notices-dlq");
        assertThat(source.get("sample")).anySatisfy(m -> assertThat(m.get("body").asText()).contains(user));
        assertThat(redriven.status()).as(redriven.raw()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> notices(api.get("/v1/admin/dead-letters", admin).body()).get("count").asLong() == 0);
        sleep(1_000);
        assertThat(ids(token)).containsExactly(fact.notificationId());
    }

    private static String order(String showId, String buyer, String card) {
        Api.Answer held = api.post("/v1/shows/" + showId + "/holds", buyer, Api.json(Map.of("seatIds", List.of("A-1-1"))));
        assertThat(held.status()).as(held.raw()).isEqualTo(201);
        Api.Answer paid = api.post("/v1/holds/" + held.body().get("holdId").asText() + "/payment", buyer,
                Api.json(Map.of("paymentToken", card)));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(202);
        return paid.body().get("orderId").asText();
    }

    private static JsonNode awaitNotice(String token, String notificationId) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> items(token).stream().filter(n -> n.get("notificationId").asText().equals(notificationId))
                        .findFirst(), java.util.Optional::isPresent).orElseThrow();
    }

    private static List<JsonNode> items(String token) {
        Api.Answer answer = api.get("/v1/me/notifications", token);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        answer.body().get("items").forEach(out::add);
        return out;
    }

    private static List<String> ids(String token) {
        return items(token).stream().map(n -> n.get("notificationId").asText()).toList();
    }

    private static List<String> calls(String idempotencyKey) {
        synchronized (calls) {
            return calls.stream().filter(c -> idempotencyKey.equals(c[0])).map(c -> c[1]).toList();
        }
    }

    private static JsonNode notices(JsonNode view) {
        for (JsonNode s : view.get("deadLetters")) {
            if (s.get("name").asText().equals(Rushgate.NOTICES_QUEUE)) return s;
        }
        throw new AssertionError("no dead-letter source notices in " + view);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
