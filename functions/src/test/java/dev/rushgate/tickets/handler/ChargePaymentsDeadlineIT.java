package dev.rushgate.tickets.handler;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.sun.net.httpserver.HttpServer;
import dev.rushgate.tickets.adapter.HttpPaymentProvider;
import dev.rushgate.tickets.adapter.PostgresTicketLedger;
import dev.rushgate.tickets.adapter.RedisSeatMap;
import dev.rushgate.tickets.domain.ConfirmPayment;
import dev.rushgate.tickets.domain.DeliverNotices;
import dev.rushgate.tickets.domain.Hold;
import dev.rushgate.tickets.domain.HotState;
import dev.rushgate.notices.domain.NoticeQueue;
import dev.rushgate.tickets.domain.Order;
import dev.rushgate.tickets.domain.Section;
import dev.rushgate.tickets.domain.Show;
import dev.rushgate.testing.TicketEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.URI;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * charge-payments against a provider that hangs: the real handler, ledger (PostgreSQL), seat map (Redis) and HTTP
 * provider adapter, and a Stripe-like provider that charges {@code tok_ok} at once and never answers {@code tok_hang}.
 * The invocation has 8 s left: it must return before them, with what it charged confirmed and everything else
 * reported as batch item failures, still PENDING for its redelivery.
 */
class ChargePaymentsDeadlineIT {

    private static final Instant NOW = Instant.parse("2026-11-23T20:00:00Z");
    private static TicketEngines engines;
    private static PostgresTicketLedger ledger;
    private static RedisSeatMap seatMap;
    private static HttpServer provider;
    private static final CountDownLatch STOP = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        engines = TicketEngines.start();
        ledger = engines.ledger;
        seatMap = engines.seatMap;
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        provider.createContext("/v1/charges", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (form.contains("source=tok_hang")) {
                try {
                    STOP.await(); // accepts the request, never answers (until the test ends)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            byte[] body = ("{\"id\":\"ch_" + UUID.randomUUID() + "\",\"status\":\"succeeded\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
    }

    @AfterAll
    static void stop() throws Exception {
        STOP.countDown();
        provider.stop(0);
        engines.close();
    }

    /** A PENDING order for one seat of {@code show}, paid with {@code token}. */
    private static String order(Show show, int seat, String token) {
        String holdId = dev.rushgate.platform.Ids.timeOrdered(NOW.toEpochMilli());
        List<String> seats = List.of("A-1-" + seat);
        seatMap.hold(show.showId(), "u-" + seat, holdId, seats, NOW, "");
        Hold hold = new Hold(holdId, show.showId(), "u-" + seat, seats, 1_000L, NOW.plusSeconds(300), "ACTIVE", false);
        assertThat(ledger.recordHold(hold, NOW)).isTrue();
        String orderId = dev.rushgate.platform.Ids.timeOrdered(NOW.toEpochMilli());
        seatMap.pay(show.showId(), holdId, NOW);
        ledger.startPayment(hold, orderId, token, NOW);
        return orderId;
    }

    private static Show show() {
        Show show = new Show("show-" + UUID.randomUUID().toString().substring(0, 8), "Gig", NOW, null, 300, 4, 300,
                List.of(new Section("A", 1, 10, 1_000)), null);
        ledger.create(show);
        seatMap.load(HotState.fresh(show));
        return show;
    }

    /** The real consumer, its provider adapter pointed at the test's provider. */
    private static ChargePaymentsSqsHandler handler() {
        Clock clock = Clock.fixed(NOW.plusSeconds(5), ZoneOffset.UTC);
        return new ChargePaymentsSqsHandler(new ConfirmPayment(ledger, seatMap,
                new HttpPaymentProvider(URI.create("http://127.0.0.1:" + provider.getAddress().getPort()), "sk_test",
                        3, Duration.ofMillis(200)),
                new DeliverNotices(ledger, NoticeQueue.NONE, clock), clock));
    }

    private static SQSEvent batch(List<String> orders) {
        var event = new SQSEvent();
        event.setRecords(new ArrayList<>(orders.stream().map(ChargePaymentsDeadlineIT::message).toList()));
        return event;
    }

    private static SQSEvent.SQSMessage message(String orderId) {
        var m = new SQSEvent.SQSMessage();
        m.setMessageId("m-" + orderId);
        m.setBody("{\"orderId\":\"" + orderId + "\"}");
        return m;
    }

    @Test
    void returnsBeforeTheTimeout_confirmingWhatItCharged_andReportingTheRestForRedelivery() {
        // given a batch: a card that charges, a provider call that hangs, and two more cards behind it
        Show show = show();
        List<String> orders = List.of(order(show, 1, "tok_ok"), order(show, 2, "tok_hang"), order(show, 3, "tok_ok"),
                order(show, 4, "tok_ok"));

        // when it runs with 8 s left before its timeout
        long began = System.nanoTime();
        SQSBatchResponse response = handler().handleRequest(batch(orders), new Remaining(Duration.ofSeconds(8)));
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        // then it answered in time, with the first order charged and every later one left for redelivery
        assertThat(took).isLessThan(Duration.ofSeconds(8));
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-" + orders.get(1), "m-" + orders.get(2), "m-" + orders.get(3));
        assertThat(ledger.order(orders.get(0)).orElseThrow().status()).isEqualTo(Order.Status.CONFIRMED);
        for (String pending : orders.subList(1, 4)) {
            assertThat(ledger.order(pending).orElseThrow().status()).as(pending).isEqualTo(Order.Status.PENDING);
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDatabaseThatStallsAfterTheCharge_isWaitedForOnlyUntilTheDeadline_andTheRedeliveryConfirms() throws Exception {
        // given two orders whose cards charge, and the first order's row locked by another session, so that
        // confirming it after its charge waits on PostgreSQL for as long as that session lasts
        Show show = show();
        List<String> orders = List.of(order(show, 1, "tok_ok"), order(show, 2, "tok_ok"));
        try (Connection other = engines.postgres.getPostgresDatabase().getConnection()) {
            other.setAutoCommit(false);
            try (var lock = other.prepareStatement("select 1 from rushgate.orders where order_id = ? for update")) {
                lock.setString(1, orders.get(0));
                lock.executeQuery().close();
            }

            // when the consumer runs with 8 s left
            long began = System.nanoTime();
            SQSBatchResponse response = handler().handleRequest(batch(orders), new Remaining(Duration.ofSeconds(8)));
            Duration took = Duration.ofNanos(System.nanoTime() - began);

            // then it stopped waiting at its deadline and reported both orders, still PENDING, for redelivery
            assertThat(took).isLessThan(Duration.ofSeconds(8));
            assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                    .containsExactly("m-" + orders.get(0), "m-" + orders.get(1));
            other.rollback();
        }
        for (String pending : orders) {
            assertThat(ledger.order(pending).orElseThrow().status()).as(pending).isEqualTo(Order.Status.PENDING);
        }

        // and the redelivered batch, with the database answering again, confirms both (the charge's idempotency
        // key is the order id, so the first card is not charged twice)
        SQSBatchResponse again = handler().handleRequest(batch(orders), new Remaining(Duration.ofSeconds(8)));
        assertThat(again.getBatchItemFailures()).isEmpty();
        for (String confirmed : orders) {
            assertThat(ledger.order(confirmed).orElseThrow().status()).as(confirmed).isEqualTo(Order.Status.CONFIRMED);
        }
    }

    /** A Lambda context with a fixed budget, counted from its creation. */
    private record Remaining(long endsAtNanos) implements Context {
        Remaining(Duration left) {
            this(System.nanoTime() + left.toNanos());
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, (endsAtNanos - System.nanoTime()) / 1_000_000);
        }

        @Override public String getAwsRequestId() { return "deadline-test"; }
        @Override public String getLogGroupName() { return "test"; }
        @Override public String getLogStreamName() { return "test"; }
        @Override public String getFunctionName() { return "charge-payments"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:charge-payments"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() { return null; }
    }
}
