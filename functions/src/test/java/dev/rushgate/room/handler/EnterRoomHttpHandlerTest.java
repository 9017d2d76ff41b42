package dev.rushgate.room.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.room.domain.Admission;
import dev.rushgate.room.domain.AdmissionTokens;
import dev.rushgate.room.domain.EnterRoom;
import dev.rushgate.room.domain.Entering;
import dev.rushgate.room.domain.Entry;
import dev.rushgate.room.domain.RateAsk;
import dev.rushgate.room.domain.RateChange;
import dev.rushgate.room.domain.Room;
import dev.rushgate.room.domain.RoomState;
import dev.rushgate.room.domain.Standing;
import dev.rushgate.room.domain.WaitingLine;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry handler fed a real API Gateway HTTP API (v2) event, with the use case on a fake line. */
class EnterRoomHttpHandlerTest {

    private static final ObjectMapper EVENTS = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<String> seen = new ArrayList<>();
    private Entering next;

    private final WaitingLine line = new WaitingLine() {
        @Override public boolean define(Room room, Instant now) { return true; }
        @Override public Entering enter(String roomId, String userId, String entryId, String address, Instant now) {
            seen.add(roomId + "|" + userId + "|" + address);
            return next != null ? next : new Entering.Placed(new Standing(
                    new Entry(entryId, userId, 42, Entry.State.WAITING, now, 41, 0),
                    new RoomState(10, 1, 1, 0, 0, now, now.minusSeconds(1), Duration.ofMinutes(10),
                            Duration.ofSeconds(60), 42, 0, 0, 0, 0)), false);
        }
        @Override public Optional<Standing> poll(String r, String u, String e, Instant now) { return Optional.empty(); }
        @Override public Optional<RoomState> view(String r, Instant now) { return Optional.empty(); }
        @Override public boolean revoke(String r, String jti) { return false; }
        @Override public Optional<String> revokeEntryOf(String r, String u) { return Optional.empty(); }
        @Override public RateChange changeRate(String r, RateAsk ask, Instant now) { return new RateChange.UnknownRoom(); }
        @Override public boolean use(String r, String jti, Instant now) { return false; }
    };
    private final AdmissionTokens tokens = new AdmissionTokens() {
        @Override public String issue(Admission admission) { return "token"; }
        @Override public Optional<Admission> verify(String token, Instant now) { return Optional.empty(); }
        @Override public Map<String, Object> publicKeys() { return Map.of(); }
    };
    private final EnterRoomHttpHandler handler = new EnterRoomHttpHandler(new EnterRoom(line, tokens, Clock.systemUTC()));

    private static APIGatewayV2HTTPEvent event() throws IOException {
        try (var in = EnterRoomHttpHandlerTest.class.getResourceAsStream("/events/enter-room.json")) {
            return EVENTS.readValue(in, APIGatewayV2HTTPEvent.class);
        }
    }

    @Test
    void answers201WithThePosition_forTheTokensSubject_fromItsSourceAddress() throws Exception {
        var response = handler.handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = EVENTS.readTree(response.getBody());
        assertThat(body.get("position").asLong()).isEqualTo(42);
        assertThat(body.get("aheadOfYou").asLong()).isEqualTo(41);
        assertThat(body.get("estimatedWaitSeconds").asLong()).isEqualTo(5);
        assertThat(body.get("status").asText()).isEqualTo("WAITING");
        assertThat(body.has("retryAfter")).isFalse();
        assertThat(response.getHeaders()).containsEntry("retry-after", "1");
        assertThat(seen).containsExactly("concert|u-1|203.0.113.7");
    }

    @Test
    void answers429RateLimited_withRetryAfterInWholeSeconds() throws Exception {
        next = new Entering.RateLimited(Duration.ofMillis(12_300));

        var response = handler.handleRequest(event(), null);

        assertThat(response.getStatusCode()).isEqualTo(429);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json")
                .containsEntry("retry-after", "13");
        assertThat(EVENTS.readTree(response.getBody()).get("code").asText()).isEqualTo("rate-limited");
    }
}
