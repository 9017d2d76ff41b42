package dev.rushgate.localstack.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.rushgate.localstack.DevTokens;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input on every route: each case is a problem+json 4xx with a stable code, never a 500 or a stack
 * trace, and changes nothing. A test below fails when a declared route has no case here.
 */
@ExtendWith(SharedStack.class)
class BadInputE2E {

    enum Who { NOBODY, GARBAGE, FORGED, UNSIGNED, EXPIRED, USER, ADMIN }

    record Case(String route, String why, String method, String path, Who who, String body,
                Map<String, String> headers, int status, String code) {
        @Override
        public String toString() {
            return route + " — " + why;
        }
    }

    private static final String DROP = "guarded";
    private static final String BIG = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
    private static final String GOOD_DROP = "{\"name\":\"Coupon\",\"stock\":5,\"opensAt\":\"2026-01-01T00:00:00Z\"}";
    private static final String NEVER = "never-created";
    private static final String ROOM = "guarded-room";
    private static final String GOOD_ROOM = "{\"admitPerSecond\":0,\"admissionTtlSeconds\":600,\"opensAt\":\"2026-01-01T00:00:00Z\"}";
    private static String entryOfSomeone;
    // voting (issue 6)
    private static final String POLL = "guarded-poll";
    private static final String GOOD_POLL = "{\"question\":\"Best?\",\"options\":[{\"id\":\"a\",\"label\":\"A\"},"
            + "{\"id\":\"b\",\"label\":\"B\"}],\"opensAt\":\"2026-01-01T00:00:00Z\",\"closesAt\":\"2099-01-01T00:00:00Z\"}";
    // Ticketing
    private static final String SHOW = "guarded-show";
    private static final String GOOD_SHOW = "{\"name\":\"Gig\",\"startsAt\":\"2027-01-01T20:00:00Z\",\"maxSeatsPerUser\":4,"
            + "\"sections\":[{\"id\":\"A\",\"rows\":2,\"seatsPerRow\":5,\"priceCents\":1000}]}";
    private static final String NO_ID = "0".repeat(32);

    private static Api api;
    private static Map<Who, String> tokens;

    @BeforeAll
    static void setUp() throws Exception {
        api = SharedStack.api();
        tokens = Map.of(Who.GARBAGE, "not-a-jwt", Who.FORGED, forged(), Who.UNSIGNED, unsigned(),
                Who.EXPIRED, expiredLookingToken(), Who.USER, api.token("someone"), Who.ADMIN, api.token("boss", "admin"));
        assertThat(api.put("/v1/admin/drops/" + DROP, tokens.get(Who.ADMIN), GOOD_DROP).status()).isEqualTo(201);
        assertThat(api.put("/v1/admin/rooms/" + ROOM, tokens.get(Who.ADMIN), GOOD_ROOM).status()).isEqualTo(201);
        entryOfSomeone = api.post("/v1/rooms/" + ROOM + "/entries", tokens.get(Who.USER), null).body().get("entryId").asText();
        assertThat(api.put("/v1/admin/polls/" + POLL, tokens.get(Who.ADMIN), GOOD_POLL).status()).isEqualTo(201);
        assertThat(api.put("/v1/admin/shows/" + SHOW, tokens.get(Who.ADMIN), GOOD_SHOW).status()).isEqualTo(201);
    }

    /** Signed by a key the stack never saw, with the right issuer and audience. */
    private static String forged() throws Exception {
        var key = new ECKeyGenerator(Curve.P_256).generate();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder().subject("mallory")
                .issuer(DevTokens.ISSUER).audience(DevTokens.AUDIENCE).claim("roles", List.of("admin"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    /** {@code alg: none}: claims anyone could write. */
    private static String unsigned() {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String claims = encoder.encodeToString(("{\"sub\":\"mallory\",\"roles\":[\"admin\"],\"iss\":\"" + DevTokens.ISSUER
                + "\",\"aud\":\"" + DevTokens.AUDIENCE + "\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    /** A real token with its signature's last characters changed. */
    private static String expiredLookingToken() {
        String good = api.token("someone-else");
        return good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    }

    private static Case c(String route, String why, String method, String path, Who who, String body, int status,
                          String code) {
        return new Case(route, why, method, path, who, body, Map.of(), status, code);
    }

    /** The fault suite's local-only control. */
    private static final String FAULTS = "POST /v1/dev/faults/{fault}";

    static Stream<Case> cases() {
        String put = "PUT /v1/admin/drops/{dropId}";
        String get = "GET /v1/drops/{dropId}";
        String claim = "POST /v1/drops/{dropId}/claims";
        String getClaim = "GET /v1/drops/{dropId}/claims/{claimId}";
        String list = "GET /v1/admin/drops/{dropId}/claims";
        String tokensRoute = "POST /v1/dev/tokens";
        String health = "GET /v1/health";
        String fallback = Trigger.Http.DEFAULT_PATH;
        String putPath = "/v1/admin/drops/" + NEVER;
        return Stream.of(dropCases(put, get, claim, getClaim, list, tokensRoute, health, fallback, putPath),
                roomCases(), opsCases(), voteCases(), ticketCases(), feedCases(), controlCases(), statsCases())
                .flatMap(s -> s);
    }

    static Stream<Case> feedCases() {
        String publish = "POST /v1/posts";
        String get = "GET /v1/posts/{postId}";
        String mine = "GET /v1/me/posts";
        String subscribe = "PUT /v1/me/subscriptions/{authorId}";
        String unsubscribe = "DELETE /v1/me/subscriptions/{authorId}";
        String subscriptions = "GET /v1/me/subscriptions";
        String inbox = "GET /v1/me/inbox";
        String good = "{\"title\":\"T\",\"body\":\"B\",\"category\":\"tech\"}";
        return Stream.of(
                c(publish, "no token", "POST", "/v1/posts", Who.NOBODY, good, 401, "unauthenticated"),
                c(publish, "forged token", "POST", "/v1/posts", Who.FORGED, good, 401, "unauthenticated"),
                c(publish, "no body", "POST", "/v1/posts", Who.USER, null, 400, "missing-body"),
                c(publish, "not JSON", "POST", "/v1/posts", Who.USER, "{title", 400, "malformed-json"),
                c(publish, "title missing", "POST", "/v1/posts", Who.USER, "{\"body\":\"B\",\"category\":\"tech\"}",
                        400, "invalid-field"),
                c(publish, "blank body", "POST", "/v1/posts", Who.USER,
                        "{\"title\":\"T\",\"body\":\"  \",\"category\":\"tech\"}", 400, "invalid-field"),
                c(publish, "title of 151 characters", "POST", "/v1/posts", Who.USER, "{\"title\":\"" + "가".repeat(151)
                        + "\",\"body\":\"B\",\"category\":\"tech\"}", 400, "invalid-field"),
                c(publish, "category missing", "POST", "/v1/posts", Who.USER, "{\"title\":\"T\",\"body\":\"B\"}", 400,
                        "invalid-field"),
                c(publish, "category not the feed's", "POST", "/v1/posts", Who.USER,
                        "{\"title\":\"T\",\"body\":\"B\",\"category\":\"gardening\"}", 400, "unknown-category"),
                c(publish, "tags not a list", "POST", "/v1/posts", Who.USER,
                        "{\"title\":\"T\",\"body\":\"B\",\"category\":\"tech\",\"tags\":\"x\"}", 400, "invalid-field"),
                c(publish, "eleven tags", "POST", "/v1/posts", Who.USER, "{\"title\":\"T\",\"body\":\"B\","
                        + "\"category\":\"tech\",\"tags\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}",
                        400, "invalid-field"),
                c(publish, "a blank tag", "POST", "/v1/posts", Who.USER,
                        "{\"title\":\"T\",\"body\":\"B\",\"category\":\"tech\",\"tags\":[\" \"]}", 400, "invalid-field"),
                new Case(publish, "malformed idempotency key", "POST", "/v1/posts", Who.USER, good,
                        Map.of("Idempotency-Key", "a b"), 400, "invalid-idempotency-key"),
                c(publish, "body over 64 KiB", "POST", "/v1/posts", Who.USER, BIG, 413, "payload-too-large"),
                c(get, "no token", "GET", "/v1/posts/" + NO_ID, Who.NOBODY, null, 401, "unauthenticated"),
                c(get, "no such post", "GET", "/v1/posts/" + NO_ID, Who.USER, null, 404, "not-found"),
                c(get, "id of another shape", "GET", "/v1/posts/not-a-post", Who.USER, null, 404, "not-found"),
                c(mine, "no token", "GET", "/v1/me/posts", Who.NOBODY, null, 401, "unauthenticated"),
                c(mine, "cursor we never issued", "GET", "/v1/me/posts?cursor=bm9wZQ", Who.USER, null, 400,
                        "invalid-cursor"),
                c(mine, "limit out of range", "GET", "/v1/me/posts?limit=0", Who.USER, null, 400, "invalid-parameter"),
                c("GET /v1/categories", "no token", "GET", "/v1/categories", Who.NOBODY, null, 401, "unauthenticated"),
                c("GET /v1/search", "no token", "GET", "/v1/search?q=shoe", Who.NOBODY, null, 401, "unauthenticated"),
                c("GET /v1/search", "no query", "GET", "/v1/search", Who.USER, null, 400, "invalid-parameter"),
                c("GET /v1/search", "blank query", "GET", "/v1/search?q=%20", Who.USER, null, 400, "invalid-parameter"),
                c("GET /v1/search", "limit out of range", "GET", "/v1/search?q=shoe&limit=51", Who.USER, null, 400,
                        "invalid-parameter"),
                c("GET /v1/search", "limit not a number", "GET", "/v1/search?q=shoe&limit=ten", Who.USER, null, 400,
                        "invalid-parameter"),
                c("GET /v1/search", "cursor we never issued", "GET", "/v1/search?q=shoe&cursor=bm9wZQ", Who.USER, null,
                        400, "invalid-cursor"),
                c(subscribe, "no token", "PUT", "/v1/me/subscriptions/author-1", Who.NOBODY, null, 401,
                        "unauthenticated"),
                c(subscribe, "author id of no shape", "PUT", "/v1/me/subscriptions/a%20b", Who.USER, null, 400,
                        "invalid-id"),
                c(subscribe, "oneself", "PUT", "/v1/me/subscriptions/someone", Who.USER, null, 400, "invalid-id"),
                c(unsubscribe, "no token", "DELETE", "/v1/me/subscriptions/author-1", Who.NOBODY, null, 401,
                        "unauthenticated"),
                c(unsubscribe, "author id of no shape", "DELETE", "/v1/me/subscriptions/" + "x".repeat(129), Who.USER,
                        null, 400, "invalid-id"),
                c(subscriptions, "no token", "GET", "/v1/me/subscriptions", Who.NOBODY, null, 401, "unauthenticated"),
                c(subscriptions, "cursor we never issued", "GET", "/v1/me/subscriptions?cursor=JSQl", Who.USER, null,
                        400, "invalid-cursor"),
                c(inbox, "no token", "GET", "/v1/me/inbox", Who.NOBODY, null, 401, "unauthenticated"),
                c(inbox, "cursor we never issued", "GET", "/v1/me/inbox?cursor=bm9wZQ", Who.USER, null, 400,
                        "invalid-cursor"),
                c(inbox, "limit out of range", "GET", "/v1/me/inbox?limit=1001", Who.USER, null, 400,
                        "invalid-parameter"));
    }

    /** The operator controls and their audit log (issue 20). A refused control changes no event. */
    static Stream<Case> controlCases() {
        String pause = "POST /v1/admin/rooms/{roomId}/pause";
        String resume = "POST /v1/admin/rooms/{roomId}/resume";
        String rate = "POST /v1/admin/rooms/{roomId}/rate";
        String closeDrop = "POST /v1/admin/drops/{dropId}/close";
        String closePoll = "POST /v1/admin/polls/{pollId}/close";
        String audit = "GET /v1/admin/audit";
        String revoke = "POST /v1/admin/rooms/{roomId}/revocations";
        String ratePath = "/v1/admin/rooms/" + ROOM + "/rate";
        return Stream.of(
                c(pause, "no token", "POST", "/v1/admin/rooms/" + ROOM + "/pause", Who.NOBODY, null, 401,
                        "unauthenticated"),
                c(pause, "not an admin", "POST", "/v1/admin/rooms/" + ROOM + "/pause", Who.USER, null, 403, "forbidden"),
                c(pause, "id outside the pattern", "POST", "/v1/admin/rooms/Room!/pause", Who.ADMIN, null, 400,
                        "invalid-id"),
                c(pause, "unknown room", "POST", "/v1/admin/rooms/" + NEVER + "/pause", Who.ADMIN, null, 404,
                        "not-found"),
                c(resume, "no token", "POST", "/v1/admin/rooms/" + ROOM + "/resume", Who.NOBODY, null, 401,
                        "unauthenticated"),
                c(resume, "not an admin", "POST", "/v1/admin/rooms/" + ROOM + "/resume", Who.USER, null, 403,
                        "forbidden"),
                c(resume, "unknown room", "POST", "/v1/admin/rooms/" + NEVER + "/resume", Who.ADMIN, null, 404,
                        "not-found"),
                c(resume, "a room its terms paused, with no rate to go back to", "POST",
                        "/v1/admin/rooms/" + ROOM + "/resume", Who.ADMIN, null, 409, "no-rate-to-resume"),
                c(rate, "no token", "POST", ratePath, Who.NOBODY, "{\"admitPerSecond\":5}", 401, "unauthenticated"),
                c(rate, "not an admin", "POST", ratePath, Who.USER, "{\"admitPerSecond\":5}", 403, "forbidden"),
                c(rate, "no body", "POST", ratePath, Who.ADMIN, null, 400, "missing-body"),
                c(rate, "not JSON", "POST", ratePath, Who.ADMIN, "{\"admitPerSecond\":", 400, "malformed-json"),
                c(rate, "rate missing", "POST", ratePath, Who.ADMIN, "{}", 400, "invalid-field"),
                c(rate, "rate as a string", "POST", ratePath, Who.ADMIN, "{\"admitPerSecond\":\"5\"}", 400,
                        "invalid-field"),
                c(rate, "negative rate", "POST", ratePath, Who.ADMIN, "{\"admitPerSecond\":-1}", 400, "invalid-field"),
                c(rate, "rate over 100000", "POST", ratePath, Who.ADMIN, "{\"admitPerSecond\":100001}", 400,
                        "invalid-field"),
                c(rate, "unknown room", "POST", "/v1/admin/rooms/" + NEVER + "/rate", Who.ADMIN,
                        "{\"admitPerSecond\":5}", 404, "not-found"),
                c(revoke, "both a jti and a user", "POST", "/v1/admin/rooms/" + ROOM + "/revocations", Who.ADMIN,
                        "{\"jti\":\"" + NO_ID + "\",\"userId\":\"someone\"}", 400, "invalid-field"),
                c(revoke, "a user with no entry", "POST", "/v1/admin/rooms/" + ROOM + "/revocations", Who.ADMIN,
                        "{\"userId\":\"nobody-entered\"}", 404, "not-found"),
                c(closeDrop, "no token", "POST", "/v1/admin/drops/" + DROP + "/close", Who.NOBODY, null, 401,
                        "unauthenticated"),
                c(closeDrop, "not an admin", "POST", "/v1/admin/drops/" + DROP + "/close", Who.USER, null, 403,
                        "forbidden"),
                c(closeDrop, "id outside the pattern", "POST", "/v1/admin/drops/Drop!/close", Who.ADMIN, null, 400,
                        "invalid-id"),
                c(closeDrop, "unknown drop", "POST", "/v1/admin/drops/" + NEVER + "/close", Who.ADMIN, null, 404,
                        "not-found"),
                c(closePoll, "no token", "POST", "/v1/admin/polls/" + POLL + "/close", Who.NOBODY, null, 401,
                        "unauthenticated"),
                c(closePoll, "not an admin", "POST", "/v1/admin/polls/" + POLL + "/close", Who.USER, null, 403,
                        "forbidden"),
                c(closePoll, "id outside the pattern", "POST", "/v1/admin/polls/Poll!/close", Who.ADMIN, null, 400,
                        "invalid-id"),
                c(closePoll, "unknown poll", "POST", "/v1/admin/polls/" + NEVER + "/close", Who.ADMIN, null, 404,
                        "not-found"),
                c(audit, "no token", "GET", "/v1/admin/audit", Who.NOBODY, null, 401, "unauthenticated"),
                c(audit, "not an admin", "GET", "/v1/admin/audit", Who.USER, null, 403, "forbidden"),
                c(audit, "cursor we never issued", "GET", "/v1/admin/audit?cursor=bm9wZQ", Who.ADMIN, null, 400,
                        "invalid-cursor"),
                c(audit, "limit out of range", "GET", "/v1/admin/audit?limit=1001", Who.ADMIN, null, 400,
                        "invalid-parameter"));
    }

    static Stream<Case> opsCases() {
        String list = "GET /v1/admin/dead-letters";
        String redrive = "POST /v1/admin/dead-letters/{name}/redrive";
        String live = "GET /v1/admin/live";
        String liveOne = "GET /v1/admin/live/{kind}/{id}";
        return Stream.of(
                c(list, "no token", "GET", "/v1/admin/dead-letters", Who.NOBODY, null, 401, "unauthenticated"),
                c(list, "not an admin", "GET", "/v1/admin/dead-letters", Who.USER, null, 403, "forbidden"),
                c(list, "wrong method", "DELETE", "/v1/admin/dead-letters", Who.ADMIN, null, 405, "method-not-allowed"),
                c(redrive, "no token", "POST", "/v1/admin/dead-letters/claims/redrive", Who.NOBODY, null, 401,
                        "unauthenticated"),
                c(redrive, "not an admin", "POST", "/v1/admin/dead-letters/claims/redrive", Who.USER, null, 403,
                        "forbidden"),
                c(redrive, "unknown queue", "POST", "/v1/admin/dead-letters/" + NEVER + "/redrive", Who.ADMIN, null,
                        404, "not-found"),
                c(redrive, "name outside the pattern", "POST", "/v1/admin/dead-letters/Claims!/redrive", Who.ADMIN,
                        null, 400, "invalid-id"),
                c(redrive, "a topic's failed batches", "POST", "/v1/admin/dead-letters/" + Rushgate.VOTES_TOPIC
                        + "/redrive", Who.ADMIN, null, 409, "redrive-unsupported"),
                c(live, "no token", "GET", "/v1/admin/live", Who.NOBODY, null, 401, "unauthenticated"),
                c(live, "not an admin", "GET", "/v1/admin/live", Who.USER, null, 403, "forbidden"),
                c(live, "limit out of range", "GET", "/v1/admin/live?limit=0", Who.ADMIN, null, 400,
                        "invalid-parameter"),
                c(liveOne, "not an admin", "GET", "/v1/admin/live/drop/" + DROP, Who.USER, null, 403, "forbidden"),
                c(liveOne, "unknown kind", "GET", "/v1/admin/live/concert/" + DROP, Who.ADMIN, null, 404, "not-found"),
                c(liveOne, "unknown event", "GET", "/v1/admin/live/drop/" + NEVER, Who.ADMIN, null, 404, "not-found"),
                c(liveOne, "id outside the pattern", "GET", "/v1/admin/live/drop/Guarded!", Who.ADMIN, null, 400,
                        "invalid-id"),
                c(liveOne, "since not a number", "GET", "/v1/admin/live/drop/" + DROP + "?since=yesterday", Who.ADMIN,
                        null, 400, "bad-since"),
                c(liveOne, "since after now", "GET", "/v1/admin/live/drop/" + DROP + "?since=99999999999", Who.ADMIN,
                        null, 400, "bad-since"));
    }

    /**
     * Owner statistics (issue 20): the read route, and the owner the definitions may name. A user who does not own a
     * rolled-up event is refused in StatsE2E, which waits for its roll-up.
     */
    static Stream<Case> statsCases() {
        String stats = "GET /v1/stats/{kind}/{id}";
        String good = "\"opensAt\":\"2026-01-01T00:00:00Z\"";
        return Stream.of(
                c(stats, "no token", "GET", "/v1/stats/drop/" + DROP, Who.NOBODY, null, 401, "unauthenticated"),
                c(stats, "garbage token", "GET", "/v1/stats/drop/" + DROP, Who.GARBAGE, null, 401, "unauthenticated"),
                c(stats, "unknown kind", "GET", "/v1/stats/concert/" + DROP, Who.ADMIN, null, 404, "not-found"),
                c(stats, "id outside the pattern", "GET", "/v1/stats/drop/Guarded!", Who.ADMIN, null, 400, "invalid-id"),
                c(stats, "unknown event", "GET", "/v1/stats/drop/" + NEVER, Who.ADMIN, null, 404, "not-found"),
                new Case(stats, "unknown event, as CSV", "GET", "/v1/stats/poll/" + NEVER, Who.USER, null,
                        Map.of("Accept", "text/csv"), 404, "not-found"),
                c(stats, "wrong method", "DELETE", "/v1/stats/drop/" + DROP, Who.ADMIN, null, 405, "method-not-allowed"),
                c("PUT /v1/admin/drops/{dropId}", "ownerId not a user id", "PUT", "/v1/admin/drops/" + NEVER, Who.ADMIN,
                        "{\"name\":\"C\",\"stock\":5," + good + ",\"ownerId\":\"a b\"}", 400, "invalid-id"),
                c("PUT /v1/admin/drops/{dropId}", "ownerId a number", "PUT", "/v1/admin/drops/" + NEVER, Who.ADMIN,
                        "{\"name\":\"C\",\"stock\":5," + good + ",\"ownerId\":7}", 400, "invalid-field"),
                c("PUT /v1/admin/polls/{pollId}", "ownerId empty", "PUT", "/v1/admin/polls/" + NEVER, Who.ADMIN,
                        GOOD_POLL.replace("}]", "}],\"ownerId\":\"\""), 400, "invalid-id"),
                c("PUT /v1/admin/shows/{showId}", "ownerId over 128 characters", "PUT", "/v1/admin/shows/" + NEVER,
                        Who.ADMIN, GOOD_SHOW.replace("{\"name\"", "{\"ownerId\":\"" + "u".repeat(129) + "\",\"name\""),
                        400, "invalid-id"));
    }

    static Stream<Case> voteCases() {
        String put = "PUT /v1/admin/polls/{pollId}";
        String vote = "POST /v1/polls/{pollId}/votes";
        String tally = "GET /v1/polls/{pollId}/tally";
        String alerts = "GET /v1/admin/polls/{pollId}/alerts";
        String rebuild = "POST /v1/admin/polls/{pollId}/rebuild";
        String putPath = "/v1/admin/polls/" + NEVER;
        String votePath = "/v1/polls/" + POLL + "/votes";
        String options = "\"options\":[{\"id\":\"a\",\"label\":\"A\"},{\"id\":\"b\",\"label\":\"B\"}]";
        String window = "\"opensAt\":\"2026-01-01T00:00:00Z\",\"closesAt\":\"2099-01-01T00:00:00Z\"";
        return Stream.of(
                c(put, "no token", "PUT", putPath, Who.NOBODY, GOOD_POLL, 401, "unauthenticated"),
                c(put, "forged token", "PUT", putPath, Who.FORGED, GOOD_POLL, 401, "unauthenticated"),
                c(put, "not an admin", "PUT", putPath, Who.USER, GOOD_POLL, 403, "forbidden"),
                c(put, "malformed JSON", "PUT", putPath, Who.ADMIN, "{\"question\":", 400, "malformed-json"),
                c(put, "no body", "PUT", putPath, Who.ADMIN, null, 400, "missing-body"),
                c(put, "question missing", "PUT", putPath, Who.ADMIN, "{" + options + "," + window + "}", 400, "invalid-field"),
                c(put, "one option only", "PUT", putPath, Who.ADMIN, "{\"question\":\"Q\",\"options\":[{\"id\":\"a\","
                        + "\"label\":\"A\"}]," + window + "}", 400, "invalid-field"),
                c(put, "the same option twice", "PUT", putPath, Who.ADMIN, "{\"question\":\"Q\",\"options\":[{\"id\":\"a\","
                        + "\"label\":\"A\"},{\"id\":\"a\",\"label\":\"B\"}]," + window + "}", 400, "invalid-field"),
                c(put, "option id with capitals", "PUT", putPath, Who.ADMIN, "{\"question\":\"Q\",\"options\":[{\"id\":\"A\","
                        + "\"label\":\"A\"},{\"id\":\"b\",\"label\":\"B\"}]," + window + "}", 400, "invalid-field"),
                c(put, "closesAt missing", "PUT", putPath, Who.ADMIN, "{\"question\":\"Q\"," + options
                        + ",\"opensAt\":\"2026-01-01T00:00:00Z\"}", 400, "invalid-field"),
                c(put, "closes before it opens", "PUT", putPath, Who.ADMIN, "{\"question\":\"Q\"," + options
                        + ",\"opensAt\":\"2026-01-02T00:00:00Z\",\"closesAt\":\"2026-01-01T00:00:00Z\"}", 400, "invalid-field"),
                c(put, "threshold as a string", "PUT", putPath, Who.ADMIN, "{\"question\":\"Q\"," + options + "," + window
                        + ",\"alerts\":[{\"threshold\":\"5\"}]}", 400, "invalid-field"),
                c(put, "threshold of zero", "PUT", putPath, Who.ADMIN, "{\"question\":\"Q\"," + options + "," + window
                        + ",\"alerts\":[{\"threshold\":0}]}", 400, "invalid-field"),
                c(put, "alert on an unknown option", "PUT", putPath, Who.ADMIN, "{\"question\":\"Q\"," + options + ","
                        + window + ",\"alerts\":[{\"optionId\":\"z\",\"threshold\":5}]}", 400, "invalid-field"),
                c(put, "webhook that is not http", "PUT", putPath, Who.ADMIN, "{\"question\":\"Q\"," + options + ","
                        + window + ",\"webhookUrl\":\"file:///etc/passwd\"}", 400, "invalid-field"),
                c(put, "options changed on an existing poll", "PUT", "/v1/admin/polls/" + POLL, Who.ADMIN,
                        "{\"question\":\"Q\",\"options\":[{\"id\":\"a\",\"label\":\"A\"},{\"id\":\"c\",\"label\":\"C\"}],"
                        + window + "}", 409, "options-locked"),
                c(put, "id with capitals", "PUT", "/v1/admin/polls/Bad_Poll", Who.ADMIN, GOOD_POLL, 400, "invalid-id"),
                c(put, "body over 64 KiB", "PUT", putPath, Who.ADMIN, BIG, 413, "payload-too-large"),
                c(vote, "no token", "POST", votePath, Who.NOBODY, "{\"optionId\":\"a\"}", 401, "unauthenticated"),
                c(vote, "garbage token", "POST", votePath, Who.GARBAGE, "{\"optionId\":\"a\"}", 401, "unauthenticated"),
                c(vote, "id outside the pattern", "POST", "/v1/polls/POLL/votes", Who.USER, "{\"optionId\":\"a\"}", 400, "invalid-id"),
                c(vote, "unknown poll", "POST", "/v1/polls/" + NEVER + "/votes", Who.USER, "{\"optionId\":\"a\"}", 404, "not-found"),
                c(vote, "no body", "POST", votePath, Who.USER, null, 400, "missing-body"),
                c(vote, "optionId missing", "POST", votePath, Who.USER, "{}", 400, "invalid-field"),
                c(vote, "optionId a number", "POST", votePath, Who.USER, "{\"optionId\":7}", 400, "invalid-field"),
                c(vote, "unknown option", "POST", votePath, Who.USER, "{\"optionId\":\"z\"}", 422, "unknown-option"),
                new Case(vote, "malformed idempotency key", "POST", votePath, Who.USER, "{\"optionId\":\"a\"}",
                        Map.of("Idempotency-Key", "a b"), 400, "invalid-idempotency-key"),
                c(vote, "body over 64 KiB", "POST", votePath, Who.USER, BIG, 413, "payload-too-large"),
                c(tally, "no token", "GET", "/v1/polls/" + POLL + "/tally", Who.NOBODY, null, 401, "unauthenticated"),
                c(tally, "id outside the pattern", "GET", "/v1/polls/-x/tally", Who.USER, null, 400, "invalid-id"),
                c(tally, "unknown poll", "GET", "/v1/polls/" + NEVER + "/tally", Who.USER, null, 404, "not-found"),
                c(alerts, "no token", "GET", "/v1/admin/polls/" + POLL + "/alerts", Who.NOBODY, null, 401, "unauthenticated"),
                c(alerts, "not an admin", "GET", "/v1/admin/polls/" + POLL + "/alerts", Who.USER, null, 403, "forbidden"),
                c(alerts, "limit of zero", "GET", "/v1/admin/polls/" + POLL + "/alerts?limit=0", Who.ADMIN, null, 400, "invalid-parameter"),
                c(alerts, "cursor we never issued", "GET", "/v1/admin/polls/" + POLL + "/alerts?cursor=abc", Who.ADMIN, null, 400, "invalid-cursor"),
                c(alerts, "unknown poll", "GET", "/v1/admin/polls/" + NEVER + "/alerts", Who.ADMIN, null, 404, "not-found"),
                c(rebuild, "no token", "POST", "/v1/admin/polls/" + POLL + "/rebuild", Who.NOBODY, null, 401, "unauthenticated"),
                c(rebuild, "not an admin", "POST", "/v1/admin/polls/" + POLL + "/rebuild", Who.USER, null, 403, "forbidden"),
                c(rebuild, "id outside the pattern", "POST", "/v1/admin/polls/a_b/rebuild", Who.ADMIN, null, 400, "invalid-id"),
                c(rebuild, "unknown poll", "POST", "/v1/admin/polls/" + NEVER + "/rebuild", Who.ADMIN, null, 404, "not-found"));
    }

    static Stream<Case> roomCases() {
        String put = "PUT /v1/admin/rooms/{roomId}";
        String adminView = "GET /v1/admin/rooms/{roomId}";
        String revoke = "POST /v1/admin/rooms/{roomId}/revocations";
        String view = "GET /v1/rooms/{roomId}";
        String enter = "POST /v1/rooms/{roomId}/entries";
        String poll = "GET /v1/rooms/{roomId}/entries/{entryId}";
        String jwks = "GET /v1/.well-known/jwks.json";
        String putPath = "/v1/admin/rooms/" + NEVER;
        String unknownEntry = "/v1/rooms/" + ROOM + "/entries/" + "0".repeat(32);
        String jti = "{\"jti\":\"" + "0".repeat(32) + "\"}";
        return Stream.of(
                c(put, "no token", "PUT", putPath, Who.NOBODY, GOOD_ROOM, 401, "unauthenticated"),
                c(put, "forged token", "PUT", putPath, Who.FORGED, GOOD_ROOM, 401, "unauthenticated"),
                c(put, "not an admin", "PUT", putPath, Who.USER, GOOD_ROOM, 403, "forbidden"),
                c(put, "malformed JSON", "PUT", putPath, Who.ADMIN, "{\"admitPerSecond\":", 400, "malformed-json"),
                c(put, "no body", "PUT", putPath, Who.ADMIN, null, 400, "missing-body"),
                c(put, "rate missing", "PUT", putPath, Who.ADMIN,
                        "{\"admissionTtlSeconds\":600,\"opensAt\":\"2026-01-01T00:00:00Z\"}", 400, "invalid-field"),
                c(put, "rate as a string", "PUT", putPath, Who.ADMIN,
                        "{\"admitPerSecond\":\"5\",\"admissionTtlSeconds\":600,\"opensAt\":\"2026-01-01T00:00:00Z\"}", 400, "invalid-field"),
                c(put, "negative rate", "PUT", putPath, Who.ADMIN,
                        "{\"admitPerSecond\":-1,\"admissionTtlSeconds\":600,\"opensAt\":\"2026-01-01T00:00:00Z\"}", 400, "invalid-field"),
                c(put, "ttl of zero", "PUT", putPath, Who.ADMIN,
                        "{\"admitPerSecond\":5,\"admissionTtlSeconds\":0,\"opensAt\":\"2026-01-01T00:00:00Z\"}", 400, "invalid-field"),
                c(put, "ttl missing", "PUT", putPath, Who.ADMIN,
                        "{\"admitPerSecond\":5,\"opensAt\":\"2026-01-01T00:00:00Z\"}", 400, "invalid-field"),
                c(put, "opensAt missing", "PUT", putPath, Who.ADMIN, "{\"admitPerSecond\":5,\"admissionTtlSeconds\":600}",
                        400, "invalid-field"),
                c(put, "abandonment sooner than 5 s", "PUT", putPath, Who.ADMIN,
                        "{\"admitPerSecond\":5,\"admissionTtlSeconds\":600,\"opensAt\":\"2026-01-01T00:00:00Z\",\"abandonAfterSeconds\":1}",
                        400, "invalid-field"),
                c(put, "negative entry limit", "PUT", putPath, Who.ADMIN,
                        "{\"admitPerSecond\":5,\"admissionTtlSeconds\":600,\"opensAt\":\"2026-01-01T00:00:00Z\",\"entriesPerIpPerMinute\":-1}",
                        400, "invalid-field"),
                c(put, "id with capitals", "PUT", "/v1/admin/rooms/Bad_Room", Who.ADMIN, GOOD_ROOM, 400, "invalid-id"),
                c(put, "body over 64 KiB", "PUT", putPath, Who.ADMIN, BIG, 413, "payload-too-large"),
                c(adminView, "no token", "GET", "/v1/admin/rooms/" + ROOM, Who.NOBODY, null, 401, "unauthenticated"),
                c(adminView, "not an admin", "GET", "/v1/admin/rooms/" + ROOM, Who.USER, null, 403, "forbidden"),
                c(adminView, "unknown room", "GET", "/v1/admin/rooms/" + NEVER, Who.ADMIN, null, 404, "not-found"),
                c(adminView, "id outside the pattern", "GET", "/v1/admin/rooms/-x", Who.ADMIN, null, 400, "invalid-id"),
                c(revoke, "no token", "POST", "/v1/admin/rooms/" + ROOM + "/revocations", Who.NOBODY, jti, 401, "unauthenticated"),
                c(revoke, "not an admin", "POST", "/v1/admin/rooms/" + ROOM + "/revocations", Who.USER, jti, 403, "forbidden"),
                c(revoke, "jti of the wrong shape", "POST", "/v1/admin/rooms/" + ROOM + "/revocations", Who.ADMIN,
                        "{\"jti\":\"x\"}", 400, "invalid-field"),
                c(revoke, "jti missing", "POST", "/v1/admin/rooms/" + ROOM + "/revocations", Who.ADMIN, "{}", 400, "invalid-field"),
                c(revoke, "no body", "POST", "/v1/admin/rooms/" + ROOM + "/revocations", Who.ADMIN, null, 400, "missing-body"),
                c(revoke, "unknown room", "POST", "/v1/admin/rooms/" + NEVER + "/revocations", Who.ADMIN, jti, 404, "not-found"),
                c(view, "no token", "GET", "/v1/rooms/" + ROOM, Who.NOBODY, null, 401, "unauthenticated"),
                c(view, "id outside the pattern", "GET", "/v1/rooms/ROOM", Who.USER, null, 400, "invalid-id"),
                c(view, "unknown room", "GET", "/v1/rooms/" + NEVER, Who.USER, null, 404, "not-found"),
                c(enter, "no token", "POST", "/v1/rooms/" + ROOM + "/entries", Who.NOBODY, null, 401, "unauthenticated"),
                c(enter, "garbage token", "POST", "/v1/rooms/" + ROOM + "/entries", Who.GARBAGE, null, 401, "unauthenticated"),
                c(enter, "id outside the pattern", "POST", "/v1/rooms/a_b/entries", Who.USER, null, 400, "invalid-id"),
                c(enter, "unknown room", "POST", "/v1/rooms/" + NEVER + "/entries", Who.USER, null, 404, "not-found"),
                c(enter, "body over 64 KiB", "POST", "/v1/rooms/" + ROOM + "/entries", Who.USER, BIG, 413, "payload-too-large"),
                c(poll, "no token", "GET", unknownEntry, Who.NOBODY, null, 401, "unauthenticated"),
                c(poll, "entry id of the wrong shape", "GET", "/v1/rooms/" + ROOM + "/entries/x'or'1", Who.USER, null, 404, "not-found"),
                c(poll, "unknown entry", "GET", unknownEntry, Who.USER, null, 404, "not-found"),
                c(poll, "unknown room", "GET", "/v1/rooms/" + NEVER + "/entries/" + "0".repeat(32), Who.USER, null, 404, "not-found"),
                new CaseSupplier(poll).someoneElsesEntry(),
                c(jwks, "wrong method", "POST", "/v1/.well-known/jwks.json", Who.NOBODY, null, 405, "method-not-allowed"));
    }

    static Stream<Case> ticketCases() {
        String put = "PUT /v1/admin/shows/{showId}";
        String view = "GET /v1/shows/{showId}";
        String seats = "GET /v1/shows/{showId}/seats";
        String hold = "POST /v1/shows/{showId}/holds";
        String release = "DELETE /v1/holds/{holdId}";
        String pay = "POST /v1/holds/{holdId}/payment";
        String order = "GET /v1/orders/{orderId}";
        String cancel = "POST /v1/orders/{orderId}/cancel";
        String waitlist = "POST /v1/shows/{showId}/waitlist";
        String notices = "GET /v1/me/notifications";
        String read = "POST /v1/me/notifications/read";
        String putPath = "/v1/admin/shows/" + NEVER;
        String holds = "/v1/shows/" + SHOW + "/holds";
        String section = ",\"sections\":[{\"id\":\"A\",\"rows\":2,\"seatsPerRow\":5,\"priceCents\":1000}]}";
        return Stream.of(
                c(put, "no token", "PUT", putPath, Who.NOBODY, GOOD_SHOW, 401, "unauthenticated"),
                c(put, "not an admin", "PUT", putPath, Who.USER, GOOD_SHOW, 403, "forbidden"),
                c(put, "malformed JSON", "PUT", putPath, Who.ADMIN, "{\"name\":", 400, "malformed-json"),
                c(put, "no body", "PUT", putPath, Who.ADMIN, null, 400, "missing-body"),
                c(put, "sections missing", "PUT", putPath, Who.ADMIN,
                        "{\"name\":\"Gig\",\"startsAt\":\"2027-01-01T20:00:00Z\"}", 400, "invalid-field"),
                c(put, "startsAt missing", "PUT", putPath, Who.ADMIN, "{\"name\":\"Gig\"" + section, 400, "invalid-field"),
                c(put, "webhookUrl without a host", "PUT", putPath, Who.ADMIN, "{\"name\":\"Gig\",\"startsAt\":\"2027-01-01T20:00:00Z\","
                        + "\"webhookUrl\":\"https:/nohost\"" + section, 400, "invalid-field"),
                c(put, "rows of zero", "PUT", putPath, Who.ADMIN, "{\"name\":\"Gig\",\"startsAt\":\"2027-01-01T20:00:00Z\","
                        + "\"sections\":[{\"id\":\"A\",\"rows\":0,\"seatsPerRow\":5,\"priceCents\":1000}]}", 400, "invalid-field"),
                c(put, "a section twice", "PUT", putPath, Who.ADMIN, "{\"name\":\"Gig\",\"startsAt\":\"2027-01-01T20:00:00Z\","
                        + "\"sections\":[{\"id\":\"A\",\"rows\":1,\"seatsPerRow\":5,\"priceCents\":1},"
                        + "{\"id\":\"A\",\"rows\":1,\"seatsPerRow\":5,\"priceCents\":1}]}", 400, "invalid-field"),
                c(put, "over 200,000 seats", "PUT", putPath, Who.ADMIN, "{\"name\":\"Gig\",\"startsAt\":\"2027-01-01T20:00:00Z\","
                        + "\"sections\":[{\"id\":\"A\",\"rows\":1000,\"seatsPerRow\":1000,\"priceCents\":1}]}", 400, "invalid-field"),
                c(put, "hold of zero seconds", "PUT", putPath, Who.ADMIN,
                        "{\"name\":\"Gig\",\"startsAt\":\"2027-01-01T20:00:00Z\",\"holdSeconds\":0" + section, 400, "invalid-field"),
                c(put, "price as a string", "PUT", putPath, Who.ADMIN, "{\"name\":\"Gig\",\"startsAt\":\"2027-01-01T20:00:00Z\","
                        + "\"sections\":[{\"id\":\"A\",\"rows\":1,\"seatsPerRow\":5,\"priceCents\":\"ten\"}]}", 400, "invalid-field"),
                c(put, "room id outside the pattern", "PUT", putPath, Who.ADMIN,
                        "{\"name\":\"Gig\",\"startsAt\":\"2027-01-01T20:00:00Z\",\"roomId\":\"Big Room\"" + section, 400, "invalid-field"),
                c(put, "id with capitals", "PUT", "/v1/admin/shows/Bad_Show", Who.ADMIN, GOOD_SHOW, 400, "invalid-id"),
                c(put, "body over 64 KiB", "PUT", putPath, Who.ADMIN, BIG, 413, "payload-too-large"),
                c(put, "other terms for an existing show", "PUT", "/v1/admin/shows/" + SHOW, Who.ADMIN,
                        GOOD_SHOW.replace("\"Gig\"", "\"Other gig\""), 409, "show-exists"),
                c(view, "no token", "GET", "/v1/shows/" + SHOW, Who.NOBODY, null, 401, "unauthenticated"),
                c(view, "id outside the pattern", "GET", "/v1/shows/-x", Who.USER, null, 400, "invalid-id"),
                c(view, "unknown show", "GET", "/v1/shows/" + NEVER, Who.USER, null, 404, "not-found"),
                c(seats, "no token", "GET", "/v1/shows/" + SHOW + "/seats", Who.NOBODY, null, 401, "unauthenticated"),
                c(seats, "unknown show", "GET", "/v1/shows/" + NEVER + "/seats", Who.USER, null, 404, "not-found"),
                c(seats, "cursor we never issued", "GET", "/v1/shows/" + SHOW + "/seats?cursor=abc", Who.USER, null, 400, "invalid-cursor"),
                c(seats, "limit of zero", "GET", "/v1/shows/" + SHOW + "/seats?limit=0", Who.USER, null, 400, "invalid-parameter"),
                c(seats, "section outside the pattern", "GET", "/v1/shows/" + SHOW + "/seats?section=a-b", Who.USER, null, 400, "invalid-parameter"),
                c(hold, "no token", "POST", holds, Who.NOBODY, "{\"seatIds\":[\"A-1-1\"]}", 401, "unauthenticated"),
                c(hold, "unknown show", "POST", "/v1/shows/" + NEVER + "/holds", Who.USER, "{\"seatIds\":[\"A-1-1\"]}", 404, "not-found"),
                c(hold, "id outside the pattern", "POST", "/v1/shows/SHOW/holds", Who.USER, "{\"seatIds\":[\"A-1-1\"]}", 400, "invalid-id"),
                c(hold, "malformed JSON", "POST", holds, Who.USER, "{\"seatIds\":", 400, "malformed-json"),
                c(hold, "no body", "POST", holds, Who.USER, null, 400, "missing-body"),
                c(hold, "no seats", "POST", holds, Who.USER, "{\"seatIds\":[]}", 400, "invalid-field"),
                c(hold, "seat id of the wrong shape", "POST", holds, Who.USER, "{\"seatIds\":[\"A-1-1'--\"]}", 400, "invalid-field"),
                c(hold, "a seat twice", "POST", holds, Who.USER, "{\"seatIds\":[\"A-1-1\",\"A-1-1\"]}", 400, "invalid-field"),
                c(hold, "seat ids not a list", "POST", holds, Who.USER, "{\"seatIds\":\"A-1-1\"}", 400, "invalid-field"),
                c(hold, "a seat the show does not have", "POST", holds, Who.USER, "{\"seatIds\":[\"A-9-9\"]}", 409, "seat-unavailable"),
                c(hold, "more seats than one may hold", "POST", holds, Who.USER,
                        "{\"seatIds\":[\"A-1-1\",\"A-1-2\",\"A-1-3\",\"A-1-4\",\"A-1-5\"]}", 409, "limit-reached"),
                c(hold, "body over 64 KiB", "POST", holds, Who.USER, BIG, 413, "payload-too-large"),
                new Case(hold, "malformed idempotency key", "POST", holds, Who.USER, "{\"seatIds\":[\"A-1-1\"]}",
                        Map.of("Idempotency-Key", "a b"), 400, "invalid-idempotency-key"),
                c(release, "no token", "DELETE", "/v1/holds/" + NO_ID, Who.NOBODY, null, 401, "unauthenticated"),
                c(release, "hold id of the wrong shape", "DELETE", "/v1/holds/x'or'1", Who.USER, null, 404, "not-found"),
                c(release, "unknown hold", "DELETE", "/v1/holds/" + NO_ID, Who.USER, null, 404, "not-found"),
                c(pay, "no token", "POST", "/v1/holds/" + NO_ID + "/payment", Who.NOBODY, "{\"paymentToken\":\"tok_ok\"}", 401, "unauthenticated"),
                c(pay, "unknown hold", "POST", "/v1/holds/" + NO_ID + "/payment", Who.USER, "{\"paymentToken\":\"tok_ok\"}", 404, "not-found"),
                c(pay, "hold id of the wrong shape", "POST", "/v1/holds/nope/payment", Who.USER, "{\"paymentToken\":\"tok_ok\"}", 404, "not-found"),
                c(pay, "payment token missing", "POST", "/v1/holds/" + NO_ID + "/payment", Who.USER, "{}", 400, "invalid-field"),
                c(pay, "payment token of the wrong shape", "POST", "/v1/holds/" + NO_ID + "/payment", Who.USER,
                        "{\"paymentToken\":\"4242 4242 4242 4242\"}", 400, "invalid-field"),
                c(pay, "malformed JSON", "POST", "/v1/holds/" + NO_ID + "/payment", Who.USER, "{", 400, "malformed-json"),
                c(order, "no token", "GET", "/v1/orders/" + NO_ID, Who.NOBODY, null, 401, "unauthenticated"),
                c(order, "unknown order", "GET", "/v1/orders/" + NO_ID, Who.USER, null, 404, "not-found"),
                c(order, "order id of the wrong shape", "GET", "/v1/orders/abc", Who.USER, null, 404, "not-found"),
                c(cancel, "no token", "POST", "/v1/orders/" + NO_ID + "/cancel", Who.NOBODY, null, 401, "unauthenticated"),
                c(cancel, "unknown order", "POST", "/v1/orders/" + NO_ID + "/cancel", Who.USER, null, 404, "not-found"),
                c(waitlist, "no token", "POST", "/v1/shows/" + SHOW + "/waitlist", Who.NOBODY, null, 401, "unauthenticated"),
                c(waitlist, "unknown show", "POST", "/v1/shows/" + NEVER + "/waitlist", Who.USER, null, 404, "not-found"),
                c(waitlist, "id outside the pattern", "POST", "/v1/shows/_/waitlist", Who.USER, null, 400, "invalid-id"),
                c(notices, "no token", "GET", "/v1/me/notifications", Who.NOBODY, null, 401, "unauthenticated"),
                c(notices, "cursor we never issued", "GET", "/v1/me/notifications?cursor=zz", Who.USER, null, 400, "invalid-cursor"),
                c(notices, "limit over 1000", "GET", "/v1/me/notifications?limit=1001", Who.USER, null, 400, "invalid-parameter"),
                c(notices, "cursor of base64 but not a key we issued", "GET", "/v1/me/notifications?cursor=SSNmb28", Who.USER, null, 400, "invalid-cursor"),
                c(read, "no token", "POST", "/v1/me/notifications/read", Who.NOBODY, "{\"notificationIds\":[\"x\"]}", 401, "unauthenticated"),
                c(read, "no body", "POST", "/v1/me/notifications/read", Who.USER, null, 400, "missing-body"),
                c(read, "malformed JSON", "POST", "/v1/me/notifications/read", Who.USER, "{\"notificationIds\":", 400, "malformed-json"),
                c(read, "no ids", "POST", "/v1/me/notifications/read", Who.USER, "{}", 400, "invalid-field"),
                c(read, "empty ids", "POST", "/v1/me/notifications/read", Who.USER, "{\"notificationIds\":[]}", 400, "invalid-field"),
                c(read, "ids not a list", "POST", "/v1/me/notifications/read", Who.USER, "{\"notificationIds\":\"x\"}", 400, "invalid-field"),
                c(read, "an id of another shape", "POST", "/v1/me/notifications/read", Who.USER, "{\"notificationIds\":[\"a b\"]}", 400, "invalid-field"),
                c(read, "a null id", "POST", "/v1/me/notifications/read", Who.USER, "{\"notificationIds\":[null]}", 400, "invalid-field"),
                c(read, "more than 100 ids", "POST", "/v1/me/notifications/read", Who.USER,
                        "{\"notificationIds\":[" + "\"x\",".repeat(100) + "\"y\"]}", 400, "invalid-field"),
                c(read, "wrong method", "GET", "/v1/me/notifications/read", Who.USER, null, 405, "method-not-allowed"));
    }

    /** A case whose path is only known once the set-up has run. */
    private record CaseSupplier(String route) {
        Case someoneElsesEntry() {
            return new Case(route, "someone else's entry", "GET", "/v1/rooms/" + ROOM + "/entries/{someone}", Who.ADMIN,
                    null, Map.of(), 404, "not-found");
        }
    }

    static Stream<Case> dropCases(String put, String get, String claim, String getClaim, String list, String tokensRoute,
                                  String health, String fallback, String putPath) {
        return Stream.of(
                c(put, "no token", "PUT", putPath, Who.NOBODY, GOOD_DROP, 401, "unauthenticated"),
                c(put, "garbage token", "PUT", putPath, Who.GARBAGE, GOOD_DROP, 401, "unauthenticated"),
                c(put, "forged token", "PUT", putPath, Who.FORGED, GOOD_DROP, 401, "unauthenticated"),
                c(put, "unsigned token", "PUT", putPath, Who.UNSIGNED, GOOD_DROP, 401, "unauthenticated"),
                c(put, "tampered token", "PUT", putPath, Who.EXPIRED, GOOD_DROP, 401, "unauthenticated"),
                c(put, "not an admin", "PUT", putPath, Who.USER, GOOD_DROP, 403, "forbidden"),
                c(put, "malformed JSON", "PUT", putPath, Who.ADMIN, "{\"name\":", 400, "malformed-json"),
                c(put, "stock as a string", "PUT", putPath, Who.ADMIN,
                        "{\"name\":\"C\",\"stock\":\"5\",\"opensAt\":\"2026-01-01T00:00:00Z\"}", 400, "invalid-field"),
                c(put, "stock missing", "PUT", putPath, Who.ADMIN,
                        "{\"name\":\"C\",\"opensAt\":\"2026-01-01T00:00:00Z\"}", 400, "invalid-field"),
                c(put, "opensAt missing", "PUT", putPath, Who.ADMIN, "{\"name\":\"C\",\"stock\":5}", 400, "invalid-field"),
                c(put, "webhookUrl not an http(s) URL", "PUT", putPath, Who.ADMIN,
                        "{\"name\":\"C\",\"stock\":5,\"opensAt\":\"2026-01-01T00:00:00Z\",\"webhookUrl\":\"ftp://x/y\"}", 400, "invalid-field"),
                c(put, "webhookUrl not a string", "PUT", putPath, Who.ADMIN,
                        "{\"name\":\"C\",\"stock\":5,\"opensAt\":\"2026-01-01T00:00:00Z\",\"webhookUrl\":[1]}", 400, "invalid-field"),
                c(put, "opensAt not an instant", "PUT", putPath, Who.ADMIN,
                        "{\"name\":\"C\",\"stock\":5,\"opensAt\":\"soon\"}", 400, "invalid-field"),
                c(put, "negative stock", "PUT", putPath, Who.ADMIN,
                        "{\"name\":\"C\",\"stock\":-1,\"opensAt\":\"2026-01-01T00:00:00Z\"}", 400, "invalid-field"),
                c(put, "closes before it opens", "PUT", putPath, Who.ADMIN,
                        "{\"name\":\"C\",\"stock\":5,\"opensAt\":\"2026-01-02T00:00:00Z\",\"closesAt\":\"2026-01-01T00:00:00Z\"}",
                        400, "invalid-field"),
                c(put, "an array body", "PUT", putPath, Who.ADMIN, "[1]", 400, "invalid-field"),
                c(put, "no body", "PUT", putPath, Who.ADMIN, null, 400, "missing-body"),
                c(put, "body over 64 KiB", "PUT", putPath, Who.ADMIN, BIG, 413, "payload-too-large"),
                c(put, "id with capitals", "PUT", "/v1/admin/drops/Bad_Id", Who.ADMIN, GOOD_DROP, 400, "invalid-id"),
                c(put, "id over 64 characters", "PUT", "/v1/admin/drops/" + "a".repeat(65), Who.ADMIN, GOOD_DROP, 400, "invalid-id"),
                c(get, "no token", "GET", "/v1/drops/" + DROP, Who.NOBODY, null, 401, "unauthenticated"),
                c(get, "id outside the pattern", "GET", "/v1/drops/-x", Who.USER, null, 400, "invalid-id"),
                c(get, "unknown drop", "GET", "/v1/drops/" + NEVER, Who.USER, null, 404, "not-found"),
                c(claim, "no token", "POST", "/v1/drops/" + DROP + "/claims", Who.NOBODY, null, 401, "unauthenticated"),
                c(claim, "forged admin token", "POST", "/v1/drops/" + DROP + "/claims", Who.FORGED, null, 401, "unauthenticated"),
                c(claim, "id outside the pattern", "POST", "/v1/drops/DROP/claims", Who.USER, null, 400, "invalid-id"),
                c(claim, "unknown drop", "POST", "/v1/drops/" + NEVER + "/claims", Who.USER, null, 404, "not-found"),
                new Case(claim, "malformed idempotency key", "POST", "/v1/drops/" + DROP + "/claims", Who.USER, null,
                        Map.of("Idempotency-Key", "a b"), 400, "invalid-idempotency-key"),
                c(claim, "body over 64 KiB", "POST", "/v1/drops/" + DROP + "/claims", Who.USER, BIG, 413, "payload-too-large"),
                c(getClaim, "no token", "GET", "/v1/drops/" + DROP + "/claims/" + "0".repeat(32), Who.NOBODY, null, 401, "unauthenticated"),
                c(getClaim, "claim id of the wrong shape", "GET", "/v1/drops/" + DROP + "/claims/x'or'1", Who.USER, null, 404, "not-found"),
                c(getClaim, "unknown claim", "GET", "/v1/drops/" + DROP + "/claims/" + "0".repeat(32), Who.USER, null, 404, "not-found"),
                c(getClaim, "drop id outside the pattern", "GET", "/v1/drops/_/claims/" + "0".repeat(32), Who.USER, null, 400, "invalid-id"),
                c(list, "no token", "GET", "/v1/admin/drops/" + DROP + "/claims", Who.NOBODY, null, 401, "unauthenticated"),
                c(list, "not an admin", "GET", "/v1/admin/drops/" + DROP + "/claims", Who.USER, null, 403, "forbidden"),
                c(list, "limit of zero", "GET", "/v1/admin/drops/" + DROP + "/claims?limit=0", Who.ADMIN, null, 400, "invalid-parameter"),
                c(list, "limit over 1000", "GET", "/v1/admin/drops/" + DROP + "/claims?limit=1001", Who.ADMIN, null, 400, "invalid-parameter"),
                c(list, "limit not a number", "GET", "/v1/admin/drops/" + DROP + "/claims?limit=ten", Who.ADMIN, null, 400, "invalid-parameter"),
                c(list, "cursor we never issued", "GET", "/v1/admin/drops/" + DROP + "/claims?cursor=%24%24", Who.ADMIN, null, 400, "invalid-cursor"),
                // %25zz reaches the handler as "%zz"; a raw %zz is refused before any route (see the socket test below)
                c(list, "cursor that decodes to a broken escape", "GET", "/v1/admin/drops/" + DROP + "/claims?cursor=%25zz", Who.ADMIN, null, 400, "invalid-cursor"),
                c(list, "unknown drop", "GET", "/v1/admin/drops/" + NEVER + "/claims", Who.ADMIN, null, 404, "not-found"),
                c(tokensRoute, "malformed JSON", "POST", "/v1/dev/tokens", Who.NOBODY, "{", 400, "malformed-json"),
                c(tokensRoute, "userId missing", "POST", "/v1/dev/tokens", Who.NOBODY, "{\"roles\":[]}", 400, "invalid-field"),
                c(tokensRoute, "roles not a list", "POST", "/v1/dev/tokens", Who.NOBODY, "{\"userId\":\"u\",\"roles\":7}", 400, "invalid-field"),
                c(tokensRoute, "body over 64 KiB", "POST", "/v1/dev/tokens", Who.NOBODY, BIG, 413, "payload-too-large"),
                c(FAULTS, "unknown fault", "POST", "/v1/dev/faults/nope", Who.NOBODY, "{}", 404, "not-found"),
                c(FAULTS, "malformed JSON", "POST", "/v1/dev/faults/consumer-kill", Who.NOBODY, "{", 400, "malformed-json"),
                c(FAULTS, "functionId missing", "POST", "/v1/dev/faults/consumer-kill", Who.NOBODY, "{}", 400, "invalid-field"),
                c(FAULTS, "upstream failure rate above 1", "POST", "/v1/dev/faults/upstream", Who.NOBODY, "{\"failureRate\":1.5}", 400, "invalid-field"),
                c(FAULTS, "upstream delay below 0", "POST", "/v1/dev/faults/upstream", Who.NOBODY, "{\"delayMs\":-1}", 400, "invalid-field"),
                c(FAULTS, "unknown function", "POST", "/v1/dev/faults/consumer-kill", Who.NOBODY, "{\"functionId\":\"nope\"}", 400, "invalid-field"),
                c(FAULTS, "a function that consumes nothing", "POST", "/v1/dev/faults/consumer-kill", Who.NOBODY, "{\"functionId\":\"claim-drop\"}", 400, "invalid-field"),
                c(health, "wrong method", "POST", "/v1/health", Who.NOBODY, null, 405, "method-not-allowed"),
                c(fallback, "unknown route", "GET", "/v1/nowhere", Who.NOBODY, null, 404, "unknown-route"),
                c(fallback, "wrong method on a known path", "DELETE", "/v1/drops/" + DROP, Who.USER, null, 405, "method-not-allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAProblemJson4xx_withAStableCode(Case c) {
        var headers = new java.util.HashMap<>(c.headers());
        Api.Answer answer = api.send(c.method(), c.path().replace("{someone}", entryOfSomeone), c.who() == Who.NOBODY ? null : tokens.get(c.who()),
                c.body(), headers);

        assertThat(answer.status()).as(answer.raw()).isEqualTo(c.status());
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.code()).isEqualTo(c.code());
        assertThat(answer.body().get("status").asInt()).isEqualTo(c.status());
        assertThat(answer.body().get("title").asText()).isNotBlank();
        assertThat(answer.raw()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("dev.rushgate.");
    }

    /**
     * A request line that is not a valid URI never reaches a route: the HTTP server refuses it with its own
     * 400 (API Gateway does the same in the cloud), so the answer is not problem+json, but it is a 4xx and
     * says nothing of our code.
     */
    @Test
    void answers400_beforeAnyRoute_forAQueryWithABrokenEscape() throws Exception {
        // java.net.URI refuses to send "%zz", so this one goes over a plain socket, as any client could send it
        var base = api.base();
        try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
            String request = "GET /v1/admin/drops/" + DROP + "/claims?cursor=%zz HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + tokens.get(Who.ADMIN) + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400").doesNotContain("dev.rushgate").doesNotContain("\tat ");
            assertThat(api.get("/v1/drops/" + DROP, tokens.get(Who.USER)).status()).isEqualTo(200);
        }
    }

    @Test
    void everyDeclaredRouteHasCases() {
        Set<String> declared = Rushgate.declaration().httpFunctions().stream()
                .map(f -> ((Trigger.Http) f.trigger()).routeKey()).collect(Collectors.toSet());
        Set<String> covered = cases().map(Case::route).collect(Collectors.toSet());

        assertThat(covered).isEqualTo(declared);
    }

    @AfterAll
    static void nothingWasWritten() {
        // every bad PUT named the same never-created drop, and every bad claim aimed at the guarded drop
        assertThat(api.get("/v1/drops/" + NEVER, tokens.get(Who.USER)).status()).isEqualTo(404);
        Api.Answer guarded = api.get("/v1/drops/" + DROP, tokens.get(Who.USER));
        assertThat(guarded.body().get("accepted").asInt()).isZero();
        assertThat(guarded.body().get("remaining").asInt()).isEqualTo(5);
        assertThat(api.get("/v1/rooms/" + NEVER, tokens.get(Who.USER)).status()).isEqualTo(404);
        Api.Answer room = api.get("/v1/admin/rooms/" + ROOM, tokens.get(Who.ADMIN));
        assertThat(room.body().get("waiting").asInt()).isEqualTo(1);
        assertThat(room.body().get("admitPerSecond").asInt()).isZero();
        // no bad vote was counted, and the poll kept its options
        assertThat(api.get("/v1/polls/" + NEVER + "/tally", tokens.get(Who.USER)).status()).isEqualTo(404);
        Api.Answer poll = api.get("/v1/polls/" + POLL + "/tally", tokens.get(Who.USER));
        assertThat(poll.body().get("accepted").asInt()).isZero();
        assertThat(poll.body().get("options").findValuesAsText("id")).containsExactly("a", "b");
        assertThat(api.get("/v1/shows/" + NEVER, tokens.get(Who.USER)).status()).isEqualTo(404);
        Api.Answer show = api.get("/v1/shows/" + SHOW, tokens.get(Who.USER));
        assertThat(show.body().get("available").asInt()).isEqualTo(10);
        assertThat(show.body().get("held").asInt()).isZero();
        // no bad post was stored, and no bad subscription
        assertThat(api.get("/v1/me/posts", tokens.get(Who.USER)).body().get("items")).isEmpty();
        assertThat(api.get("/v1/me/subscriptions", tokens.get(Who.USER)).body().get("items")).isEmpty();
    }
}
