package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The waiting room end to end, over HTTP only: entering, polling, admission, gating, revocation, limits. */
@ExtendWith(SharedStack.class)
class RoomE2E {

    private static Api api;
    private static String admin;

    @BeforeAll
    static void setUp() {
        api = SharedStack.api();
        admin = api.token("room-admin", "admin");
    }

    private static String newRoom(int rate, int ttlSeconds, Map<String, Object> more) {
        String roomId = "room-" + UUID.randomUUID().toString().substring(0, 8);
        var terms = new LinkedHashMap<String, Object>(Map.of("admitPerSecond", rate, "admissionTtlSeconds", ttlSeconds,
                "opensAt", Instant.now().minusSeconds(1).toString()));
        terms.putAll(more);
        Api.Answer created = api.put("/v1/admin/rooms/" + roomId, admin, Api.json(terms));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return roomId;
    }

    private static String gatedDrop(String roomId) {
        String dropId = "gated-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer created = api.put("/v1/admin/drops/" + dropId, admin, Api.json(Map.of("name", "Gated", "stock", 100,
                "opensAt", Instant.now().minusSeconds(1).toString(), "roomId", roomId)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return dropId;
    }

    private static JsonNode enter(String roomId, String token) {
        Api.Answer answer = api.post("/v1/rooms/" + roomId + "/entries", token, null);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body();
    }

    /** Polls as a client would until the entry is admitted; answers its token. */
    private static String admission(String roomId, String entryId, String token) {
        String[] admission = new String[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.Answer poll = api.get("/v1/rooms/" + roomId + "/entries/" + entryId, token);
            assertThat(poll.status()).as(poll.raw()).isEqualTo(200);
            if (!poll.body().get("status").asText().equals("ADMITTED")) return false;
            admission[0] = poll.body().get("admissionToken").asText();
            return true;
        });
        return admission[0];
    }

    private static Api.Answer claim(String dropId, String token, String admission) {
        return api.send("POST", "/v1/drops/" + dropId + "/claims", token, null,
                admission == null ? Map.of() : Map.of("X-Admission-Token", admission));
    }

    @Test
    void admitsAnEnteredUser_whoseTokenVerifiesOfflineAndOpensTheGatedDrop() throws Exception {
        // given a room admitting 1,000 a second and a drop behind it
        String roomId = newRoom(1_000, 600, Map.of());
        String dropId = gatedDrop(roomId);
        String user = api.token("room-user-1");

        // when the user enters twice and polls until admitted
        JsonNode entry = enter(roomId, user);
        JsonNode again = enter(roomId, user);
        String admission = admission(roomId, entry.get("entryId").asText(), user);

        // then entering again kept the entry, the token verifies with the published keys and opens the drop
        assertThat(entry.get("position").asLong()).isEqualTo(1);
        assertThat(entry.get("status").asText()).isIn("WAITING", "ADMITTED");
        assertThat(again.get("entryId").asText()).isEqualTo(entry.get("entryId").asText());
        assertThat(again.get("position").asLong()).isEqualTo(1);
        SignedJWT jwt = SignedJWT.parse(admission);
        Api.Answer jwks = api.get("/v1/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        ECKey key = (ECKey) JWKSet.parse(jwks.raw()).getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("room-user-1");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("room")).isEqualTo(roomId);
        assertThat(jwt.getJWTClaimsSet().getJWTID()).isEqualTo(entry.get("entryId").asText());
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(500));
        assertThat(claim(dropId, user, null).code()).isEqualTo("not-admitted");
        assertThat(claim(dropId, user, admission).status()).isEqualTo(202);
        Api.Answer room = api.get("/v1/rooms/" + roomId, user);
        assertThat(room.body().get("admitted").asLong()).isEqualTo(1);
        assertThat(room.body().get("servingUpTo").asLong()).isEqualTo(1);
        assertThat(room.body().get("waiting").asLong()).isZero();
        assertThat(room.body().get("admitPerSecond").asInt()).isEqualTo(1_000);
    }

    @Test
    void refusesTokensOfAnotherRoom_anotherUser_revokedOnes_andExpiredOnes() {
        String roomA = newRoom(1_000, 600, Map.of());
        String roomB = newRoom(1_000, 1, Map.of());
        String dropA = gatedDrop(roomA);
        String alice = api.token("room-alice");
        String bob = api.token("room-bob");
        String aliceToA = admission(roomA, enter(roomA, alice).get("entryId").asText(), alice);
        String bobEntryB = enter(roomB, bob).get("entryId").asText();
        String bobToB = admission(roomB, bobEntryB, bob);

        // another room's token, and another user's token
        assertThat(claim(dropA, bob, bobToB).code()).isEqualTo("not-admitted");
        assertThat(claim(dropA, bob, aliceToA).code()).isEqualTo("not-admitted");
        assertThat(claim(dropA, bob, "not-a-token").code()).isEqualTo("not-admitted");

        // revoked
        String jti = aliceToA.isEmpty() ? "" : jti(aliceToA);
        Api.Answer revoked = api.post("/v1/admin/rooms/" + roomA + "/revocations", admin, Api.json(Map.of("jti", jti)));
        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);
        Api.Answer refused = claim(dropA, alice, aliceToA);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("not-admitted");

        // expired: room B's admissions last 1 s
        Api.Answer gatedByB = api.put("/v1/admin/drops/" + dropA, admin, Api.json(Map.of("name", "Gated", "stock", 100,
                "opensAt", Instant.now().minusSeconds(1).toString(), "roomId", roomB)));
        assertThat(gatedByB.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/v1/rooms/" + roomB + "/entries/" + bobEntryB, bob)
                .body().get("status").asText().equals("EXPIRED"));
        assertThat(claim(dropA, bob, bobToB).code()).isEqualTo("not-admitted");
    }

    private static String jti(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void answersWaitingPollsWithRetryAfter_andNoEstimate_whilePaused() {
        String roomId = newRoom(0, 600, Map.of());
        String user = api.token("room-paused");
        String entryId = enter(roomId, user).get("entryId").asText();

        Api.Answer poll = api.get("/v1/rooms/" + roomId + "/entries/" + entryId, user);

        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.body().get("status").asText()).isEqualTo("WAITING");
        assertThat(poll.body().get("aheadOfYou").asLong()).isZero();
        assertThat(poll.body().has("estimatedWaitSeconds")).isFalse();
        assertThat(Long.parseLong(poll.headers().get("retry-after").getFirst())).isBetween(1L, 30L);
        assertThat(api.get("/v1/rooms/" + roomId + "/entries/" + entryId, api.token("room-stranger")).code())
                .isEqualTo("not-found");
    }

    @Test
    void refusesEntriesOverTheLimit_with429AndRetryAfter_andCountsThemForTheAdmin() {
        String roomId = newRoom(0, 600, Map.of("entriesPerUserPerMinute", 1));
        String user = api.token("room-hasty");
        enter(roomId, user);

        // a new minute may begin between two tries, so the third try is over the limit for certain
        Api.Answer refused = api.post("/v1/rooms/" + roomId + "/entries", user, null);
        if (refused.status() == 201) refused = api.post("/v1/rooms/" + roomId + "/entries", user, null);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(refused.headers().get("retry-after").getFirst())).isBetween(1L, 60L);
        Api.Answer view = api.get("/v1/admin/rooms/" + roomId, admin);
        assertThat(view.body().get("refused").get("perUser").asLong()).isEqualTo(1);
        assertThat(view.body().get("waiting").asLong()).isEqualTo(1);
    }
}
