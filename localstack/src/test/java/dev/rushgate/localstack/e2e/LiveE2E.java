package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live view on the real stack (issue 20, item 2): what the deciding calls counted per second, read back by the
 * admin API, agrees with the answers the callers got, refusals answered from an environment's memory included.
 */
@ExtendWith(SharedStack.class)
class LiveE2E {

    private static Api api;
    private static String admin;

    @BeforeAll
    static void setUp() {
        api = SharedStack.api();
        admin = api.token("live-admin", "admin");
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void countsEachAnswerOfADropPerSecond_refusalsFromMemoryIncluded_andListsTheDrop() throws Exception {
        // given a drop of 2 opened a moment ago
        long since = Instant.now().getEpochSecond() - 1;
        String dropId = id("live");
        assertThat(api.put("/v1/admin/drops/" + dropId, admin, Api.json(Map.of("name", "Coupon", "stock", 2,
                "perUserLimit", 1, "opensAt", Instant.now().minusSeconds(1).toString()))).status()).isEqualTo(201);

        // when 7 users claim: 2 accepted, 5 refused (the first by the stock, the rest mostly from memory), and once
        // the memory has lapsed an eighth claim carries those to the counters
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 7; i++) {
            int status = api.post("/v1/drops/" + dropId + "/claims", api.token(dropId + "-u" + i), null).status();
            if (status == 202) accepted++;
            if (status == 409) refused++;
        }
        Thread.sleep(1_100);
        assertThat(api.post("/v1/drops/" + dropId + "/claims", api.token(dropId + "-late"), null).status())
                .isEqualTo(409);

        // then the live view counted every answer, and the drop's stock now
        Api.Answer live = api.get("/v1/admin/live/drop/" + dropId + "?since=" + since, admin);
        assertThat(live.status()).as(live.raw()).isEqualTo(200);
        assertThat(accepted).isEqualTo(2);
        assertThat(live.body().get("totals").get("accepted").asLong()).isEqualTo(2);
        assertThat(live.body().get("totals").get("sold-out").asLong()).isEqualTo(refused + 1);
        assertThat(live.body().get("gauges").get("remaining").asLong()).isZero();
        long perSecond = 0;
        for (JsonNode second : live.body().get("seconds")) {
            assertThat(second.get("at").asLong()).isBetween(since, live.body().get("now").asLong());
            perSecond += second.get("counts").get("accepted") == null ? 0 : second.get("counts").get("accepted").asLong();
        }
        assertThat(perSecond).isEqualTo(2);

        // and the list of every event has it, with its last minute
        Api.Answer all = api.get("/v1/admin/live", admin);
        assertThat(all.status()).as(all.raw()).isEqualTo(200);
        assertThat(all.body().get("events")).anySatisfy(e -> {
            assertThat(e.get("kind").asText()).isEqualTo("drop");
            assertThat(e.get("id").asText()).isEqualTo(dropId);
            assertThat(e.get("lastMinute").get("accepted").asLong()).isEqualTo(2);
            assertThat(e.get("gauges").get("stock").asLong()).isEqualTo(2);
        });
    }

    @Test
    void countsVotesRoomEntriesAndHolds() {
        long since = Instant.now().getEpochSecond() - 1;
        // a poll: two votes accepted, one refused as already voted
        String pollId = id("live-poll");
        assertThat(api.put("/v1/admin/polls/" + pollId, admin, Api.json(Map.of("question", "Which?",
                "options", List.of(Map.of("id", "a", "label", "A"), Map.of("id", "b", "label", "B")),
                "opensAt", Instant.now().minusSeconds(1).toString(),
                "closesAt", Instant.now().plusSeconds(600).toString()))).status()).isEqualTo(201);
        String voter = api.token(pollId + "-v1");
        assertThat(vote(pollId, voter)).isEqualTo(202);
        assertThat(vote(pollId, api.token(pollId + "-v2"))).isEqualTo(202);
        assertThat(vote(pollId, voter)).isEqualTo(409);
        JsonNode poll = live("poll", pollId, since);
        assertThat(poll.get("totals").get("accepted").asLong()).isEqualTo(2);
        assertThat(poll.get("totals").get("already-voted").asLong()).isEqualTo(1);
        assertThat(poll.get("gauges").get("accepted").asLong()).isEqualTo(2);

        // a room: one entry, and the same user again
        String roomId = id("live-room");
        assertThat(api.put("/v1/admin/rooms/" + roomId, admin, Api.json(Map.of("admitPerSecond", 0,
                "admissionTtlSeconds", 600, "opensAt", Instant.now().minusSeconds(1).toString()))).status())
                .isEqualTo(201);
        String walker = api.token(roomId + "-w");
        assertThat(api.post("/v1/rooms/" + roomId + "/entries", walker, null).status()).isIn(200, 201);
        assertThat(api.post("/v1/rooms/" + roomId + "/entries", walker, null).status()).isIn(200, 201);
        JsonNode room = live("room", roomId, since);
        assertThat(room.get("totals").get("entered").asLong()).isEqualTo(1);
        assertThat(room.get("totals").get("existing").asLong()).isEqualTo(1);
        assertThat(room.get("gauges").get("waiting").asLong()).isEqualTo(1);

        // a show: one hold of two seats, one refused for a seat already held
        String showId = id("live-show");
        assertThat(api.put("/v1/admin/shows/" + showId, admin, Api.json(Map.of("name", "Show",
                "startsAt", "2027-01-01T20:00:00Z", "holdSeconds", 300, "maxSeatsPerUser", 4,
                "sections", List.of(Map.of("id", "A", "rows", 1, "seatsPerRow", 4, "priceCents", 5000))))).status())
                .isEqualTo(201);
        String buyer = api.token(showId + "-h1");
        Api.Answer held = api.post("/v1/shows/" + showId + "/holds", buyer,
                Api.json(Map.of("seatIds", List.of("A-1-1", "A-1-2"))));
        assertThat(held.status()).as(held.raw()).isEqualTo(201);
        assertThat(hold(showId, api.token(showId + "-h2"), List.of("A-1-2"))).isEqualTo(409);
        JsonNode show = live("show", showId, since);
        assertThat(show.get("totals").get("held").asLong()).isEqualTo(1);
        assertThat(show.get("totals").get("seat-unavailable").asLong()).isEqualTo(1);
        assertThat(show.get("gauges").get("held").asLong()).isEqualTo(2);
        assertThat(show.get("gauges").get("paymentsInFlight").asLong()).isZero();

        // and once the hold is paid for and sold, no payment is in flight and its seats are sold
        Api.Answer paid = api.post("/v1/holds/" + held.body().get("holdId").asText() + "/payment", buyer,
                Api.json(Map.of("paymentToken", "tok_ok")));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(202);
        String orderId = paid.body().get("orderId").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                api.get("/v1/orders/" + orderId, buyer).body().get("status").asText().equals("CONFIRMED")
                        && live("show", showId, since).get("gauges").get("sold").asLong() == 2);
        JsonNode sold = live("show", showId, since);
        assertThat(sold.get("totals").get("paying").asLong()).isEqualTo(1);
        assertThat(sold.get("gauges").get("sold").asLong()).isEqualTo(2);
        assertThat(sold.get("gauges").get("paymentsInFlight").asLong()).isZero();
    }

    @Test
    void aSinceOlderThanTheWindowIsTheWindow() {
        String dropId = id("live-old");
        assertThat(api.put("/v1/admin/drops/" + dropId, admin, Api.json(Map.of("name", "Coupon", "stock", 1,
                "perUserLimit", 1, "opensAt", Instant.now().toString()))).status()).isEqualTo(201);
        JsonNode old = live("drop", dropId, 0);
        assertThat(old.get("now").asLong() - old.get("since").asLong()).isEqualTo(3599);
        assertThat(old.get("seconds")).isEmpty();
    }

    private static int vote(String pollId, String token) {
        return api.post("/v1/polls/" + pollId + "/votes", token, Api.json(Map.of("optionId", "a"))).status();
    }

    private static int hold(String showId, String token, List<String> seats) {
        return api.post("/v1/shows/" + showId + "/holds", token, Api.json(Map.of("seatIds", seats))).status();
    }

    private static JsonNode live(String kind, String id, long since) {
        Api.Answer answer = api.get("/v1/admin/live/" + kind + "/" + id + "?since=" + since, admin);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }
}
