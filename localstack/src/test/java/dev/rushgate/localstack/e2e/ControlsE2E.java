package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator controls (issue 20) end to end over HTTP: each takes effect at once, and each is in the audit log with
 * who made it, what, when and the values before and after.
 */
@ExtendWith(SharedStack.class)
class ControlsE2E {

    private static final String OPERATOR = "operator-ann";
    private static Api api;
    private static String admin;

    @BeforeAll
    static void setUp() {
        api = SharedStack.api();
        admin = api.token(OPERATOR, "admin");
    }

    @Test
    void closingADropEarly_refusesLaterClaimsWithClosed_keepsTheAcceptedOne_andSurvivesTheCacheLosingIt() {
        // given an open drop with one claim accepted
        String drop = "ctl-drop";
        assertThat(api.put("/v1/admin/drops/" + drop, admin, Api.json(Map.of("name", "Early close", "stock", 10,
                "opensAt", Instant.now().minusSeconds(60).toString()))).status()).isEqualTo(201);
        assertThat(claim(drop, api.token("early-bird")).status()).isEqualTo(202);
        Instant before = Instant.now();

        // when the operator closes it
        Api.Answer closed = api.post("/v1/admin/drops/" + drop + "/close", admin, null);

        // then the answer is its audit entry, and claims from then on are refused
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertEntry(closed.body(), "close", "drop", drop, before);
        assertThat(closed.body().at("/details/closesAtBefore").asText()).isEqualTo("none");
        Instant closesAt = Instant.parse(closed.body().at("/details/closesAtAfter").asText());
        Api.Answer late = claim(drop, api.token("late-comer"));
        assertThat(late.status()).as(late.raw()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("closed");
        assertThat(api.get("/v1/drops/" + drop, admin).body().get("accepted").asInt()).isEqualTo(1);
        Api.Answer again = api.post("/v1/admin/drops/" + drop + "/close", admin, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("closed");

        // and when the cache loses the drop, it is rebuilt from the stored terms: still closed, at the same instant
        forgetInRedis("{drop:" + drop + "}*");
        assertThat(api.get("/v1/drops/" + drop, admin).code()).isEqualTo("recovering");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/v1/drops/" + drop, admin).status() == 200);
        Api.Answer afterRebuild = claim(drop, api.token("after-rebuild"));
        assertThat(afterRebuild.code()).as(afterRebuild.raw()).isEqualTo("closed");
        assertThat(closesAt).isBefore(Instant.now());
        assertThat(audited("close", "drop", drop)).extracting(e -> e.get("status").asText())
                .containsExactly("REFUSED", "DONE");
    }

    @Test
    void closingAPollEarly_refusesLaterVotesWithClosed_isAudited_andKeepsItsOwner() {
        // given an open poll with an owner and one vote
        String poll = "ctl-poll";
        String owner = "poll-owner-olga";
        assertThat(api.put("/v1/admin/polls/" + poll, admin, Api.json(Map.of("question", "Which?",
                "options", List.of(Map.of("id", "a", "label", "A"), Map.of("id", "b", "label", "B")),
                "opensAt", Instant.now().minusSeconds(60).toString(), "closesAt", "2099-01-01T00:00:00Z",
                "ownerId", owner)))
                .status()).isEqualTo(201);
        assertThat(api.post("/v1/polls/" + poll + "/votes", api.token("voter-1"), "{\"optionId\":\"a\"}").status())
                .isEqualTo(202);
        Instant before = Instant.now();

        // when the operator closes it
        Api.Answer closed = api.post("/v1/admin/polls/" + poll + "/close", admin, null);

        // then
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertEntry(closed.body(), "close", "poll", poll, before);
        assertThat(closed.body().at("/details/closesAtBefore").asText()).isEqualTo("2099-01-01T00:00:00Z");
        Api.Answer late = api.post("/v1/polls/" + poll + "/votes", api.token("voter-2"), "{\"optionId\":\"b\"}");
        assertThat(late.status()).as(late.raw()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("closed");
        assertThat(api.get("/v1/polls/" + poll + "/tally", admin).body().get("accepted").asInt()).isEqualTo(1);
        assertThat(audited("close", "poll", poll)).extracting(e -> e.get("status").asText()).containsExactly("DONE");

        // and its owner still reads its statistics once they are rolled up after the close (the close keeps every
        // other term of the poll)
        Instant closedAt = Instant.parse(closed.body().at("/details/closesAtAfter").asText());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Api.Answer stats = api.get("/v1/stats/poll/" + poll, admin);
            return stats.status() == 200 && Instant.parse(stats.body().get("rolledAt").asText()).isAfter(closedAt);
        });
        Api.Answer owners = api.get("/v1/stats/poll/" + poll, api.token(owner));
        assertThat(owners.status()).as(owners.raw()).isEqualTo(200);
        assertThat(owners.body().get("ownerId").asText()).isEqualTo(owner);
    }

    @Test
    void aPausedRoomAdmitsNobody_untilResumed_atTheRateItHad() throws Exception {
        // given a room admitting 100 a second
        String room = "ctl-room";
        assertThat(api.put("/v1/admin/rooms/" + room, admin, Api.json(Map.of("admitPerSecond", 100,
                "admissionTtlSeconds", 600, "opensAt", Instant.now().minusSeconds(60).toString()))).status())
                .isEqualTo(201);
        Instant before = Instant.now();

        // when the operator pauses it and someone enters
        Api.Answer paused = api.post("/v1/admin/rooms/" + room + "/pause", admin, null);
        assertThat(paused.status()).as(paused.raw()).isEqualTo(200);
        assertEntry(paused.body(), "pause", "room", room, before);
        assertThat(paused.body().at("/details/admitPerSecondBefore").asText()).isEqualTo("100");
        assertThat(paused.body().at("/details/admitPerSecondAfter").asText()).isEqualTo("0");
        String user = api.token("patient");
        String entryId = api.post("/v1/rooms/" + room + "/entries", user, null).body().get("entryId").asText();

        // then nobody is admitted while it is paused
        Thread.sleep(1_200);
        assertThat(status(room, entryId, user)).isEqualTo("WAITING");
        assertThat(api.get("/v1/admin/rooms/" + room, admin).body().get("admitPerSecond").asInt()).isZero();

        // and once resumed, at the rate it had, the entry is admitted within a moment
        Api.Answer resumed = api.post("/v1/admin/rooms/" + room + "/resume", admin, null);
        assertThat(resumed.status()).as(resumed.raw()).isEqualTo(200);
        assertThat(resumed.body().at("/details/admitPerSecondAfter").asText()).isEqualTo("100");
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(room, entryId, user).equals("ADMITTED"));
        assertThat(api.post("/v1/admin/rooms/" + room + "/resume", admin, null).code()).isEqualTo("not-paused");

        // and a new rate is recorded with the one it replaced
        Api.Answer rate = api.post("/v1/admin/rooms/" + room + "/rate", admin, "{\"admitPerSecond\":7}");
        assertThat(rate.status()).as(rate.raw()).isEqualTo(200);
        assertThat(rate.body().at("/details/admitPerSecond").asText()).isEqualTo("7");
        assertThat(rate.body().at("/details/admitPerSecondBefore").asText()).isEqualTo("100");
        assertThat(api.get("/v1/admin/rooms/" + room, admin).body().get("admitPerSecond").asInt()).isEqualTo(7);
        assertThat(audited(null, "room", room)).extracting(e -> e.get("action").asText() + " " + e.get("status").asText())
                .containsExactly("change-rate DONE", "resume REFUSED", "resume DONE", "pause DONE");
    }

    @Test
    void aRevokedAdmission_byItsUser_isRefusedAtTheGatedDrop_whileAnotherStillClaims() {
        // given a room whose admissions open a drop, and two admitted users
        String room = "ctl-gate";
        String drop = "ctl-gated-drop";
        assertThat(api.put("/v1/admin/rooms/" + room, admin, Api.json(Map.of("admitPerSecond", 1000,
                "admissionTtlSeconds", 600, "opensAt", Instant.now().minusSeconds(60).toString()))).status())
                .isEqualTo(201);
        assertThat(api.put("/v1/admin/drops/" + drop, admin, Api.json(Map.of("name", "Gated", "stock", 10,
                "opensAt", Instant.now().minusSeconds(60).toString(), "roomId", room))).status()).isEqualTo(201);
        String mallory = api.token("mallory");
        String alice = api.token("alice-ctl");
        String malloryAdmission = admitted(room, mallory);
        String aliceAdmission = admitted(room, alice);

        // when the operator revokes mallory's admission by her user id
        Api.Answer revoked = api.post("/v1/admin/rooms/" + room + "/revocations", admin, "{\"userId\":\"mallory\"}");

        // then her token is refused and alice's is not
        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);
        assertThat(revoked.body().get("jti").asText()).hasSize(32);
        assertThat(revoked.body().at("/audit/details/userId").asText()).isEqualTo("mallory");
        Api.Answer refused = api.send("POST", "/v1/drops/" + drop + "/claims", mallory, null,
                Map.of("X-Admission-Token", malloryAdmission));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("not-admitted");
        assertThat(api.send("POST", "/v1/drops/" + drop + "/claims", alice, null,
                Map.of("X-Admission-Token", aliceAdmission)).status()).isEqualTo(202);
        assertThat(audited("revoke", "room", room)).singleElement()
                .satisfies(e -> assertThat(e.at("/details/jti").asText()).isEqualTo(revoked.body().get("jti").asText()));
    }

    @Test
    void theAuditLogPagesNewestFirst() {
        // given at least three controls
        for (String room : List.of("ctl-page-1", "ctl-page-2", "ctl-page-3")) {
            api.put("/v1/admin/rooms/" + room, admin, Api.json(Map.of("admitPerSecond", 5, "admissionTtlSeconds", 60,
                    "opensAt", Instant.now().minusSeconds(60).toString())));
            assertThat(api.post("/v1/admin/rooms/" + room + "/pause", admin, null).status()).isEqualTo(200);
        }

        // when it is read two at a time
        Api.Answer first = api.get("/v1/admin/audit?limit=2", admin);
        Api.Answer second = api.get("/v1/admin/audit?limit=2&cursor=" + first.body().get("nextCursor").asText(), admin);

        // then the pages follow each other, newest first
        List<JsonNode> items = new ArrayList<>();
        first.body().get("items").forEach(items::add);
        second.body().get("items").forEach(items::add);
        assertThat(items).hasSize(4);
        for (int i = 1; i < items.size(); i++) {
            assertThat(items.get(i - 1).get("entryId").asText()).isGreaterThan(items.get(i).get("entryId").asText());
        }
        assertThat(items.get(0).get("id").asText()).isEqualTo("ctl-page-3");
    }

    private static void assertEntry(JsonNode entry, String action, String kind, String id, Instant notBefore) {
        assertThat(entry.get("who").asText()).isEqualTo(OPERATOR);
        assertThat(entry.get("action").asText()).isEqualTo(action);
        assertThat(entry.get("kind").asText()).isEqualTo(kind);
        assertThat(entry.get("id").asText()).isEqualTo(id);
        assertThat(entry.get("status").asText()).isEqualTo("DONE");
        assertThat(Instant.parse(entry.get("at").asText())).isBetween(notBefore.minusMillis(5), Instant.now());
        // and the log holds the same entry
        assertThat(audited(action, kind, id)).anySatisfy(e -> assertThat(e).isEqualTo(entry));
    }

    /** This event's entries in the audit log (of {@code action}, or of any when null), newest first. */
    private static List<JsonNode> audited(String action, String kind, String id) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode e : api.get("/v1/admin/audit?limit=1000", admin).body().get("items")) {
            if (e.get("kind").asText().equals(kind) && e.get("id").asText().equals(id)
                    && (action == null || e.get("action").asText().equals(action))) {
                found.add(e);
            }
        }
        return found;
    }

    private static Api.Answer claim(String drop, String token) {
        return api.post("/v1/drops/" + drop + "/claims", token, null);
    }

    private static String status(String room, String entryId, String token) {
        return api.get("/v1/rooms/" + room + "/entries/" + entryId, token).body().get("status").asText();
    }

    /** Enters the room and waits for the admission token. */
    private static String admitted(String room, String token) {
        String entryId = api.post("/v1/rooms/" + room + "/entries", token, null).body().get("entryId").asText();
        String[] admission = new String[1];
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode entry = api.get("/v1/rooms/" + room + "/entries/" + entryId, token).body();
            admission[0] = entry.path("admissionToken").asText(null);
            return admission[0] != null;
        });
        return admission[0];
    }

    private static void forgetInRedis(String pattern) {
        String endpoint = SharedStack.stack().engines().redisEndpoint();
        try (var client = RedisClient.create("redis://" + endpoint); var connection = client.connect()) {
            List<String> keys = connection.sync().keys(pattern);
            assertThat(keys).isNotEmpty();
            connection.sync().del(keys.toArray(String[]::new));
        }
    }
}
