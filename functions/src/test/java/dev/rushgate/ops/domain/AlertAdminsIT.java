package dev.rushgate.ops.domain;

import com.sun.net.httpserver.HttpServer;
import dev.rushgate.ops.adapter.DynamoSentAlerts;
import dev.rushgate.ops.adapter.WebhookAdminChannel;
import dev.rushgate.testing.LocalDynamoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Telling operators, on the real DynamoDB engine and a real HTTP webhook: each alert is posted once however many copies
 * arrive, at once or later; a refused post is tried again by the next copy; without a webhook nothing is posted.
 */
class AlertAdminsIT {
    private static final String TABLE = "admin-alerts";
    private static LocalDynamoDb dynamo;
    private static HttpServer hook;
    private static final List<String[]> posts = Collections.synchronizedList(new ArrayList<>());
    /** The webhook answers 500 while this is above zero, counting down. */
    private static final AtomicInteger failuresLeft = new AtomicInteger();
    /** Holds each post until it is counted down, to have two copies in flight at once. */
    private static volatile CountDownLatch hold = new CountDownLatch(0);
    /** Counted down as a post arrives. */
    private static volatile CountDownLatch arrived = new CountDownLatch(1);

    @BeforeAll
    static void start() throws IOException {
        dynamo = LocalDynamoDb.start();
        dynamo.createTable(TABLE, "alertId", null);
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        hook.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            arrived.countDown();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            posts.add(new String[]{exchange.getRequestHeaders().getFirst("Idempotency-Key"), body});
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        hook.start();
    }

    @AfterAll
    static void stop() {
        hook.stop(0);
        dynamo.close();
    }

    @BeforeEach
    void reset() {
        posts.clear();
        failuresLeft.set(0);
        hold = new CountDownLatch(0);
        arrived = new CountDownLatch(1);
    }

    private static AlertAdmins alertAdmins(Clock clock) {
        URI url = URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
        return new AlertAdmins(new WebhookAdminChannel(() -> Optional.of(url)),
                new DynamoSentAlerts(dynamo.client(), TABLE, clock));
    }

    private static AdminAlert alert() {
        return new AdminAlert("alarm/claims-dlq/ALARM/" + UUID.randomUUID(), ":rotating_light: ALARM claims-dlq");
    }

    @Test
    void copiesOfOneAlert_arePostedOnce_withItsIdAsTheIdempotencyKey() {
        // given
        AlertAdmins admins = alertAdmins(Clock.systemUTC());
        AdminAlert alert = alert();

        // when three copies arrive one after another
        var outcomes = List.of(admins.alert(alert), admins.alert(alert), admins.alert(alert));

        // then
        assertThat(outcomes).containsExactly(AlertAdmins.Outcome.SENT, AlertAdmins.Outcome.ALREADY_SENT,
                AlertAdmins.Outcome.ALREADY_SENT);
        assertThat(posts).singleElement().satisfies(p -> {
            assertThat(p[0]).isEqualTo(alert.id());
            assertThat(p[1]).isEqualTo("{\"text\":\":rotating_light: ALARM claims-dlq\"}");
        });
    }

    @Test
    void twoCopiesAtOnce_postOnce_andTheOtherComesBackLaterToFindItSent() throws Exception {
        // given a webhook that holds the first post until told
        AlertAdmins admins = alertAdmins(Clock.systemUTC());
        AdminAlert alert = alert();
        hold = new CountDownLatch(1);

        // when two copies are handled at the same moment
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<AlertAdmins.Outcome> first = pool.submit(() -> admins.alert(alert));
            assertThat(arrived.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue(); // the first holds the lease
            Callable<AlertAdmins.Outcome> second = () -> admins.alert(alert);
            // then the second is put off (it throws, so its message comes back), and posts nothing
            assertThatThrownBy(second::call).isInstanceOf(AdminChannel.NotTaken.class).hasMessageContaining("being posted");
            hold.countDown();
            assertThat(first.get()).isEqualTo(AlertAdmins.Outcome.SENT);
        }
        // and when it comes back, it finds the alert sent
        assertThat(admins.alert(alert)).isEqualTo(AlertAdmins.Outcome.ALREADY_SENT);
        assertThat(posts).hasSize(1);
    }

    @Test
    void aRefusedPost_isTriedAgainByTheNextCopy_andAPosterThatDiedLeavesItToTheNextAfterItsLease() {
        // given a webhook that refuses once
        AlertAdmins admins = alertAdmins(Clock.systemUTC());
        AdminAlert alert = alert();
        failuresLeft.set(1);

        // when / then: the first copy is not taken, the next is, the one after finds it sent
        assertThatThrownBy(() -> admins.alert(alert)).isInstanceOf(AdminChannel.NotTaken.class)
                .hasMessageContaining("answered 500");
        assertThat(admins.alert(alert)).isEqualTo(AlertAdmins.Outcome.SENT);
        assertThat(admins.alert(alert)).isEqualTo(AlertAdmins.Outcome.ALREADY_SENT);
        assertThat(posts).hasSize(2);

        // and a lease taken by a poster that died (never sent, never failed) is taken over once it lapses
        AdminAlert orphan = alert();
        var died = new DynamoSentAlerts(dynamo.client(), TABLE, Clock.systemUTC());
        assertThat(died.begin(orphan.id())).isEqualTo(SentAlerts.Begin.BEGUN);
        assertThatThrownBy(() -> admins.alert(orphan)).isInstanceOf(AdminChannel.NotTaken.class);
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofSeconds(31)), ZoneOffset.UTC);
        assertThat(alertAdmins(later).alert(orphan)).isEqualTo(AlertAdmins.Outcome.SENT);
    }

    @Test
    void withoutAWebhook_nothingIsPostedOrMarked() {
        // given
        var sent = new DynamoSentAlerts(dynamo.client(), TABLE, Clock.systemUTC());
        AlertAdmins admins = new AlertAdmins(new WebhookAdminChannel(Optional::empty), sent);
        AdminAlert alert = alert();

        // when
        AlertAdmins.Outcome outcome = admins.alert(alert);

        // then
        assertThat(outcome).isEqualTo(AlertAdmins.Outcome.NO_WEBHOOK);
        assertThat(posts).isEmpty();
        assertThat(sent.begin(alert.id())).isEqualTo(SentAlerts.Begin.BEGUN);
    }
}
