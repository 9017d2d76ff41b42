package dev.rushgate.drops.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.drops.domain.ClaimDecision;
import dev.rushgate.drops.domain.ClaimDrop;
import dev.rushgate.drops.domain.ClaimQueue;
import dev.rushgate.drops.domain.Drop;
import dev.rushgate.drops.domain.DropCatalog;
import dev.rushgate.drops.domain.Stock;
import dev.rushgate.drops.domain.StockLevel;
import dev.rushgate.model.ClaimAccepted;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim handler fed a real API Gateway HTTP API (v2) event, with the use case on fake ports. */
class ClaimDropHttpHandlerTest {

    private static final ObjectMapper EVENTS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<String> seen = new ArrayList<>();
    private ClaimDecision next = null;

    private final Stock stock = new Stock() {
        @Override public void define(Drop drop) { }
        @Override public boolean amend(Drop drop) { return false; }
        @Override public ClaimDecision claim(String dropId, String userId, String claimId, Instant now, String key,
                                             String admittedRoom) {
            seen.add(dropId + "|" + userId + "|" + key);
            return next != null ? next : new ClaimDecision.Accepted(claimId, false);
        }
        @Override public Optional<StockLevel> level(String dropId) { return Optional.empty(); }
        @Override public Optional<ClaimAccepted> accepted(String dropId, String claimId) { return Optional.empty(); }
        @Override public void settled(String dropId, String claimId) { }
        @Override public List<ClaimAccepted> unsent(String dropId, Instant before, int max) { return List.of(); }
    };
    private final ClaimQueue queue = claim -> { };
    private final DropCatalog catalog = new DropCatalog() {
        @Override public boolean save(Drop drop) { return true; }
        @Override public Optional<Drop> find(String dropId) { return Optional.empty(); }
        @Override public long confirmed(String dropId) { return 0; }
        @Override public List<String> dropIds() { return List.of(); }
    };
    private final ClaimDropHttpHandler handler =
            new ClaimDropHttpHandler(new ClaimDrop(stock, catalog, queue, null, Clock.systemUTC()));

    private static APIGatewayV2HTTPEvent event(String name) throws IOException {
        try (var in = ClaimDropHttpHandlerTest.class.getResourceAsStream("/events/" + name)) {
            return EVENTS.readValue(in, APIGatewayV2HTTPEvent.class);
        }
    }

    @Test
    void answers202Accepted_forTheTokensSubject_withTheIdempotencyKey() throws Exception {
        var response = handler.handleRequest(event("claim-drop.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = EVENTS.readTree(response.getBody());
        assertThat(body.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(body.get("claimId").asText()).hasSize(32);
        assertThat(seen).containsExactly("coupons|u-1|order-42");
    }

    @Test
    void answersProblemJson409_whenSoldOut() throws Exception {
        next = new ClaimDecision.Refused("sold-out");

        var response = handler.handleRequest(event("claim-drop.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(EVENTS.readTree(response.getBody()).get("code").asText()).isEqualTo("sold-out");
    }

    @Test
    void answers401_whenTheAuthorizerPassedNoSubject() throws Exception {
        var event = event("claim-drop.json");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(new HashMap<>());

        var response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(seen).isEmpty();
    }

    @Test
    void answers400_andDecidesNothing_forAMalformedIdempotencyKey() throws Exception {
        var event = event("claim-drop.json");
        event.getHeaders().put("idempotency-key", "has spaces and / slashes");

        var response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(seen).isEmpty();
    }
}
