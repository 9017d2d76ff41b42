package dev.rushgate.tickets.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rushgate.platform.Json;
import dev.rushgate.tickets.domain.Notice;
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

/** The webhook adapter against a real HTTP server on loopback. */
class WebhookNotifierIT {

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

    private static Notice offer() {
        return new Notice("0".repeat(31) + "1", "u-1", "gig", "SEATS_OFFERED", "h-1", List.of("A-1-1", "A-1-2"),
                Instant.parse("2026-11-23T20:05:00Z"), Instant.parse("2026-11-23T20:00:00Z"));
    }

    @Test
    void postsTheNoticeAsJson_keyedByItsId_andCountsA2xxAsTaken() throws Exception {
        // when
        boolean taken = new WebhookNotifier(hook()).send(offer());

        // then
        assertThat(taken).isTrue();
        assertThat(keys).containsExactly("0".repeat(31) + "1");
        JsonNode body = Json.MAPPER.readTree(bodies.getFirst());
        assertThat(body.get("kind").asText()).isEqualTo("SEATS_OFFERED");
        assertThat(body.get("userId").asText()).isEqualTo("u-1");
        assertThat(body.get("seatIds")).hasSize(2);
        assertThat(body.get("expiresAt").asText()).isEqualTo("2026-11-23T20:05:00Z");
    }

    @Test
    void leavesTheNoticeForLater_whenTheReceiverFailsOrIsGone() {
        // given a receiver answering 500
        status.set(500);

        // when / then
        assertThat(new WebhookNotifier(hook()).send(offer())).isFalse();
        server.stop(0);
        assertThat(new WebhookNotifier(hook()).send(offer())).isFalse();
    }
}
