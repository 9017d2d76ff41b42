package dev.rushgate.notices.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rushgate.model.NoticeIssued;
import dev.rushgate.notices.domain.NoticeChannel;
import dev.rushgate.platform.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook channels against a real HTTP server on loopback. */
class WebhookChannelIT {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI hook() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private NoticeIssued offer(String webhookUrl) {
        return new NoticeIssued("hold-h-1-offered", "u-1", NoticeIssued.SEATS_OFFERED, null, null, "gig", "h-1", null,
                List.of("A-1-1", "A-1-2"), 10_000L, Instant.parse("2026-11-23T20:05:00Z").toEpochMilli(),
                Instant.parse("2026-11-23T20:00:00Z").toEpochMilli(), webhookUrl);
    }

    @Test
    void postsToTheEventsWebhookInSlacksShape_keyedByTheNoticeId() throws Exception {
        // when
        WebhookChannel.perEvent().send(offer(hook().toString()));

        // then
        assertThat(keys).containsExactly("hold-h-1-offered");
        JsonNode body = Json.MAPPER.readTree(bodies.getFirst());
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get("text").asText()).contains("A-1-1, A-1-2", "gig", "2026-11-23T20:05:00Z");
    }

    @Test
    void postsEveryNoticeToTheOperatorsWebhookAsJson_withItsUser() throws Exception {
        // when
        WebhookChannel channel = WebhookChannel.operator(hook());
        channel.send(offer(null));

        // then
        assertThat(channel.wants(offer(null))).isTrue();
        assertThat(WebhookChannel.perEvent().wants(offer(null))).isFalse();
        JsonNode body = Json.MAPPER.readTree(bodies.getFirst());
        assertThat(body.get("kind").asText()).isEqualTo("SEATS_OFFERED");
        assertThat(body.get("userId").asText()).isEqualTo("u-1");
        assertThat(body.get("seatIds")).hasSize(2);
        assertThat(body.get("expiresAt").asText()).isEqualTo("2026-11-23T20:05:00Z");
        assertThat(keys).containsExactly("hold-h-1-offered");
    }

    @Test
    void reportsTheNoticeNotTaken_whenTheReceiverFailsOrIsGone() {
        // given a receiver answering 500
        status.set(500);

        // when / then
        assertThatThrownBy(() -> WebhookChannel.operator(hook()).send(offer(null)))
                .isInstanceOf(NoticeChannel.NotTaken.class).hasMessageContaining("500");
        server.stop(0);
        assertThatThrownBy(() -> WebhookChannel.operator(hook()).send(offer(null)))
                .isInstanceOf(NoticeChannel.NotTaken.class);
    }
}
