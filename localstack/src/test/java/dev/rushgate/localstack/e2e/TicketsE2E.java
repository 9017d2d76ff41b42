package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.localstack.engine.Engines;
import dev.rushgate.localstack.payments.PaymentSimulator;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ticketing end to end, over HTTP, with PostgreSQL read directly for what must hold there: races for seats,
 * payment (declined, flaky), holds that lapse by themselves, cancellation and the waitlist, and Redis losing
 * everything in the middle of a rush.
 */
@ExtendWith(SharedStack.class)
class TicketsE2E {

    private static Api api;
    private static String admin;

    @BeforeAll
    static void setUp() {
        api = SharedStack.api();
        admin = api.token("ticket-admin", "admin");
    }

    private static String newShow(int rows, int seatsPerRow, int holdSeconds, int maxSeats, Map<String, Object> more) {
        String showId = "show-" + UUID.randomUUID().toString().substring(0, 8);
        var terms = new LinkedHashMap<String, Object>(Map.of("name", "Test show", "startsAt", "2027-01-01T20:00:00Z",
                "holdSeconds", holdSeconds, "maxSeatsPerUser", maxSeats,
                "sections", List.of(Map.of("id", "A", "rows", rows, "seatsPerRow", seatsPerRow, "priceCents", 5000))));
        terms.putAll(more);
        Api.Answer created = api.put("/v1/admin/shows/" + showId, admin, Api.json(terms));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return showId;
    }

    private static Api.Answer hold(String showId, String token, List<String> seats) {
        return api.post("/v1/shows/" + showId + "/holds", token, Api.json(Map.of("seatIds", seats)));
    }

    private static Api.Answer pay(String holdId, String token, String paymentToken) {
        return api.post("/v1/holds/" + holdId + "/payment", token, Api.json(Map.of("paymentToken", paymentToken)));
    }

    private static JsonNode awaitOrder(String orderId, String token, String status) {
        JsonNode[] order = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.Answer answer = api.get("/v1/orders/" + orderId, token);
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            order[0] = answer.body();
            return answer.body().get("status").asText().equals(status);
        });
        return order[0];
    }

    private static JsonNode show(String showId) {
        Api.Answer answer = api.get("/v1/shows/" + showId, admin);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private static List<String> tokens(String prefix, int count) throws InterruptedException {
        String[] tokens = new String[count];
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < count; i++) {
                int n = i;
                pool.submit(() -> tokens[n] = api.token(prefix + "-" + n));
            }
        }
        return List.of(tokens);
    }

    private static Connection database() throws SQLException {
        Engines engines = SharedStack.stack().engines();
        return DriverManager.getConnection(engines.jdbcUrl(), engines.dbUser(), engines.dbPassword());
    }

    private static long count(String sql, String showId) throws SQLException {
        try (Connection c = database(); var q = c.prepareStatement(sql)) {
            q.setString(1, showId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Seats in more than one CONFIRMED order of the show: must always be zero. */
    private static long doubleSold(String showId) throws SQLException {
        return count("""
                select count(*) from (select seat, count(*) from rushgate.orders o, unnest(o.seat_ids) seat
                where o.show_id = ? and o.status = 'CONFIRMED' group by seat having count(*) > 1) d""", showId);
    }

    @Test
    void oneSeatRacedByAHundredUsers_isHeldExactlyOnce() throws Exception {
        // given a show and 100 users ready at the same instant
        String showId = newShow(1, 10, 300, 4, Map.of());
        List<String> users = tokens("racer-" + showId, 100);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);

        // when all of them ask for seat A-1-1
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String user : users) {
                pool.submit(() -> {
                    start.await();
                    Api.Answer answer = hold(showId, user, List.of("A-1-1"));
                    statuses.merge(answer.status(), 1, Integer::sum);
                    if (answer.code() != null) codes.merge(answer.code(), 1, Integer::sum);
                    return null;
                });
            }
            start.countDown();
        }

        // then one hold and 99 seat-unavailable, here and in PostgreSQL
        assertThat(statuses).isEqualTo(Map.of(201, 1, 409, 99));
        assertThat(codes).isEqualTo(Map.of("seat-unavailable", 99));
        assertThat(show(showId).get("held").asInt()).isEqualTo(1);
        assertThat(count("select count(*) from rushgate.seat_claims where show_id = ?", showId)).isEqualTo(1);
    }

    @Test
    void fiveThousandUsersRaceForASectionThenPay_noSeatIsSoldTwice_andEverySeatIsCountedOnce() throws Exception {
        // given a section of 2,000 seats and 5,000 users each wanting 2 to 4 adjacent seats
        String showId = newShow(50, 40, 300, 4, Map.of());
        List<String> users = tokens("crowd-" + showId, 5_000);
        List<String[]> held = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

        // when they all race, then each one who got a hold pays
        try (var pool = Executors.newFixedThreadPool(64)) {
            for (String user : users) {
                pool.submit(() -> {
                    var random = ThreadLocalRandom.current();
                    int row = 1 + random.nextInt(50);
                    int n = 2 + random.nextInt(3);
                    int first = 1 + random.nextInt(40 - n + 1);
                    List<String> seats = new ArrayList<>();
                    for (int s = first; s < first + n; s++) seats.add("A-" + row + "-" + s);
                    Api.Answer answer = hold(showId, user, seats);
                    statuses.merge(answer.status(), 1, Integer::sum);
                    if (answer.status() == 201) held.add(new String[] {user, answer.body().get("holdId").asText()});
                    return null;
                });
            }
        }
        List<String[]> orders = Collections.synchronizedList(new ArrayList<>());
        try (var pool = Executors.newFixedThreadPool(32)) {
            for (String[] h : held) {
                pool.submit(() -> {
                    Api.Answer paid = pay(h[1], h[0], "tok_ok");
                    assertThat(paid.status()).as(paid.raw()).isEqualTo(202);
                    orders.add(new String[] {h[0], paid.body().get("orderId").asText()});
                    return null;
                });
            }
        }
        for (String[] o : orders) awaitOrder(o[1], o[0], "CONFIRMED");

        // then nothing but 201 and 409 was answered, no seat is in two confirmed orders, and the counts add up
        assertThat(statuses.keySet()).containsOnly(201, 409);
        assertThat(held).isNotEmpty();
        assertThat(doubleSold(showId)).isZero();
        long sold = count("select count(*) from rushgate.seat_claims where show_id = ? and order_id is not null", showId);
        long heldSeats = count("select count(*) from rushgate.seat_claims where show_id = ? and order_id is null", showId);
        long total = count("select count(*) from rushgate.seats where show_id = ?", showId);
        long available = total - sold - heldSeats;
        assertThat(total).isEqualTo(2_000);
        assertThat(sold).isEqualTo(count("""
                select coalesce(sum(cardinality(seat_ids)), 0) from rushgate.orders where show_id = ? and status = 'CONFIRMED'""",
                showId));
        JsonNode view = show(showId);
        assertThat(view.get("sold").asLong()).isEqualTo(sold);
        assertThat(view.get("held").asLong()).isEqualTo(heldSeats);
        assertThat(view.get("available").asLong()).isEqualTo(available);
        assertThat(view.get("sold").asLong() + view.get("held").asLong() + view.get("available").asLong()).isEqualTo(2_000);
    }

    @Test
    void anUnpaidHoldLapsesByItself_andItsSeatsAreSoldToSomeoneElse() throws Exception {
        // given a hold of two seats that lasts one second, never paid
        String showId = newShow(1, 10, 1, 4, Map.of());
        String first = api.token("lapser-" + showId);
        String second = api.token("buyer-" + showId);
        Api.Answer lapsing = hold(showId, first, List.of("A-1-1", "A-1-2"));
        assertThat(lapsing.status()).as(lapsing.raw()).isEqualTo(201);
        assertThat(hold(showId, second, List.of("A-1-2")).code()).isEqualTo("seat-unavailable");

        // when it lapses, with nobody calling: the scheduled sweeper frees the seats in PostgreSQL too
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                count("select count(*) from rushgate.holds where show_id = ? and status = 'EXPIRED'", showId) == 1);

        // then someone else holds and buys them, and paying the lapsed hold is refused
        assertThat(show(showId).get("available").asInt()).isEqualTo(10);
        Api.Answer taken = hold(showId, second, List.of("A-1-1", "A-1-2"));
        assertThat(taken.status()).as(taken.raw()).isEqualTo(201);
        Api.Answer late = pay(lapsing.body().get("holdId").asText(), first, "tok_ok");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.code()).isEqualTo("hold-expired");
        Api.Answer paid = pay(taken.body().get("holdId").asText(), second, "tok_ok");
        assertThat(paid.status()).as(paid.raw()).isEqualTo(202);
        JsonNode order = awaitOrder(paid.body().get("orderId").asText(), second, "CONFIRMED");
        assertThat(order.get("amountCents").asLong()).isEqualTo(10_000);
        assertThat(show(showId).get("sold").asInt()).isEqualTo(2);
    }

    @Test
    void aHoldRetriedWithTheSameIdempotencyKey_answersTheFirstHold_andHoldsNothingMore() {
        // given a hold made with an Idempotency-Key
        String showId = newShow(1, 10, 300, 4, Map.of());
        String user = api.token("retrier-" + showId);
        String body = Api.json(Map.of("seatIds", List.of("A-1-1", "A-1-2")));
        Api.Answer first = api.send("POST", "/v1/shows/" + showId + "/holds", user, body, Map.of("Idempotency-Key", "cart-1"));

        // when the same request is sent again, and once more for other seats with the same key
        Api.Answer again = api.send("POST", "/v1/shows/" + showId + "/holds", user, body, Map.of("Idempotency-Key", "cart-1"));
        Api.Answer other = api.send("POST", "/v1/shows/" + showId + "/holds", user,
                Api.json(Map.of("seatIds", List.of("A-1-5"))), Map.of("Idempotency-Key", "cart-1"));

        // then all three answer the first hold, and two seats are held
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("holdId")).isEqualTo(first.body().get("holdId"));
        assertThat(other.body().get("holdId")).isEqualTo(first.body().get("holdId"));
        assertThat(show(showId).get("held").asInt()).isEqualTo(2);
    }

    @Test
    void aHoldBeingPaidForNeverLapses() throws Exception {
        // given a one-second hold whose payment is declined only after a while... here: paid at once with tok_ok
        String showId = newShow(1, 4, 1, 4, Map.of());
        String user = api.token("payer-" + showId);
        Api.Answer held = hold(showId, user, List.of("A-1-1"));
        Api.Answer paid = pay(held.body().get("holdId").asText(), user, "tok_ok");
        assertThat(paid.status()).as(paid.raw()).isEqualTo(202);

        // when the hold's time passes
        awaitOrder(paid.body().get("orderId").asText(), user, "CONFIRMED");
        Thread.sleep(1_500);

        // then the seat stayed its buyer's
        assertThat(count("select count(*) from rushgate.holds where show_id = ? and status = 'ORDERED'", showId)).isEqualTo(1);
        assertThat(show(showId).get("sold").asInt()).isEqualTo(1);
    }

    @Test
    void aDeclinedPaymentFailsTheOrder_andReleasesTheSeats() {
        // given a hold
        String showId = newShow(1, 4, 300, 4, Map.of());
        String user = api.token("declined-" + showId);
        Api.Answer held = hold(showId, user, List.of("A-1-1", "A-1-2"));

        // when its payment is declined
        Api.Answer paid = pay(held.body().get("holdId").asText(), user, "tok_declined");
        assertThat(paid.status()).as(paid.raw()).isEqualTo(202);
        assertThat(paid.body().get("status").asText()).isEqualTo("PENDING");

        // then the order FAILED and the seats are anyone's again
        awaitOrder(paid.body().get("orderId").asText(), user, "FAILED");
        assertThat(show(showId).get("available").asInt()).isEqualTo(4);
        assertThat(hold(showId, api.token("other-" + showId), List.of("A-1-1")).status()).isEqualTo(201);
    }

    @Test
    void aFlakyPaymentIsChargedOnce_andAskingToPayAgainAnswersTheSameOrder() {
        // given a hold paid with a card whose provider fails twice (the second time after charging)
        String showId = newShow(1, 4, 300, 4, Map.of());
        String user = api.token("flaky-" + showId);
        String holdId = hold(showId, user, List.of("A-1-3")).body().get("holdId").asText();

        // when it is paid, and paid again
        Api.Answer paid = pay(holdId, user, "tok_flaky");
        Api.Answer again = pay(holdId, user, "tok_flaky");

        // then one order, CONFIRMED, and one charge at the provider
        String orderId = paid.body().get("orderId").asText();
        assertThat(again.body().get("orderId").asText()).isEqualTo(orderId);
        awaitOrder(orderId, user, "CONFIRMED");
        List<PaymentSimulator.Charge> charges = SharedStack.stack().payments().charges().stream()
                .filter(c -> c.idempotencyKey().equals(orderId)).toList();
        assertThat(charges).hasSize(1);
        assertThat(charges.getFirst().amount()).isEqualTo(5_000);
    }

    @Test
    void aCancelledOrderIsRefundedOnce_inFull_evenByAFlakyProvider() {
        // given two confirmed orders, one paid with a card whose provider also fails twice when refunding
        String showId = newShow(1, 4, 300, 4, Map.of());
        String user = api.token("refund-" + showId);
        String steady = pay(hold(showId, user, List.of("A-1-1")).body().get("holdId").asText(), user, "tok_ok")
                .body().get("orderId").asText();
        String flaky = pay(hold(showId, user, List.of("A-1-2", "A-1-3")).body().get("holdId").asText(), user, "tok_flaky")
                .body().get("orderId").asText();
        awaitOrder(steady, user, "CONFIRMED");
        awaitOrder(flaky, user, "CONFIRMED");
        assertThat(api.get("/v1/orders/" + steady, user).body().has("refund")).as("nothing owed yet").isFalse();

        // when both are cancelled, one of them twice
        Api.Answer cancelled = api.post("/v1/orders/" + steady + "/cancel", user, null);
        assertThat(api.post("/v1/orders/" + flaky + "/cancel", user, null).status()).isEqualTo(200);
        Api.Answer again = api.post("/v1/orders/" + flaky + "/cancel", user, null);

        // then each is owed its charge back at once, and refunded: once each, in full, at the provider
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.body().get("refund").asText()).isIn("PENDING", "REFUNDED");
        assertThat(again.code()).isEqualTo("not-cancellable");
        for (String orderId : List.of(steady, flaky)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> api.get("/v1/orders/" + orderId, user).body().path("refund").asText().equals("REFUNDED"));
            var payments = SharedStack.stack().payments();
            String chargeId = payments.charges().stream().filter(c -> c.idempotencyKey().equals(orderId))
                    .findFirst().orElseThrow().id();
            List<PaymentSimulator.Refund> refunds = payments.refunds().stream().filter(r -> r.charge().equals(chargeId)).toList();
            assertThat(refunds).as(orderId).hasSize(1);
            assertThat(refunds.getFirst().amount()).isEqualTo(orderId.equals(steady) ? 5_000 : 10_000);
        }
        assertThat(show(showId).get("available").asInt()).isEqualTo(4);
    }

    @Test
    void aCancellationIsOfferedToTheFirstWaitlisted_thenToTheNextWhenTheOfferLapses() throws Exception {
        // given a sold-out show of two seats, with two people on its waitlist, offers lasting 4 s
        String showId = newShow(1, 2, 300, 4, Map.of("offerSeconds", 4));
        String buyer = api.token("fan-" + showId);
        String firstInLine = api.token("first-" + showId);
        String nextInLine = api.token("next-" + showId);
        String holdId = hold(showId, buyer, List.of("A-1-1", "A-1-2")).body().get("holdId").asText();
        String orderId = pay(holdId, buyer, "tok_ok").body().get("orderId").asText();
        awaitOrder(orderId, buyer, "CONFIRMED");
        assertThat(api.post("/v1/shows/" + showId + "/waitlist", firstInLine, null).body().get("position").asInt()).isEqualTo(1);
        assertThat(api.post("/v1/shows/" + showId + "/waitlist", nextInLine, null).body().get("position").asInt()).isEqualTo(2);

        // when the buyer cancels
        Api.Answer cancelled = api.post("/v1/orders/" + orderId + "/cancel", buyer, null);
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");

        // then the first in line is offered both seats, held for them, and nobody else can take them
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> notices(firstInLine).size() == 1);
        JsonNode offer = notices(firstInLine).get(0);
        assertThat(offer.get("kind").asText()).isEqualTo("SEATS_OFFERED");
        assertThat(offer.get("seatIds")).hasSize(2);
        assertThat(notices(nextInLine)).isEmpty();
        assertThat(hold(showId, api.token("sneaky-" + showId), List.of("A-1-1")).code()).isEqualTo("seat-unavailable");

        // and when that offer lapses, the next in line is offered them, and can buy them
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> notices(nextInLine).size() == 1);
        JsonNode second = notices(nextInLine).get(0);
        assertThat(second.get("kind").asText()).isEqualTo("SEATS_OFFERED");
        // (newest first: the lapse, then the offer)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> notices(firstInLine).size() == 2);
        assertThat(notices(firstInLine).get(0).get("kind").asText()).isEqualTo("OFFER_LAPSED");
        Api.Answer bought = pay(second.get("holdId").asText(), nextInLine, "tok_ok");
        assertThat(bought.status()).as(bought.raw() + " " + Instant.now() + " " + dump(showId)).isEqualTo(202);
        awaitOrder(bought.body().get("orderId").asText(), nextInLine, "CONFIRMED");
        assertThat(show(showId).get("sold").asInt()).isEqualTo(2);
        assertThat(doubleSold(showId)).isZero();
    }

    private static String dump(String showId) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = database(); var q = c.prepareStatement(
                "select hold_id, user_id, status, offer, expires_at, created_at from rushgate.holds where show_id = ? order by created_at")) {
            q.setString(1, showId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    for (int i = 1; i <= 6; i++) out.append(rs.getString(i)).append(' ');
                    out.append('\n');
                }
            }
        }
        return out.toString();
    }

    private static JsonNode notices(String token) {
        Api.Answer answer = api.get("/v1/me/notifications", token);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body().get("items");
    }

    @Test
    void redisFlushedMidRush_noSeatIsSoldTwice_andTheSeatMapIsRebuiltFromPostgres() throws Exception {
        // given a rush on 200 seats by 1,000 users, each wanting one of 50 popular seats or any seat
        String showId = newShow(10, 20, 300, 4, Map.of());
        List<String> users = tokens("flush-" + showId, 1_000);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String[]> held = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean flushed = new AtomicBoolean();
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        String endpoint = SharedStack.stack().engines().redisEndpoint();

        // when Redis loses everything in the middle of it
        try (var pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < users.size(); i++) {
                String user = users.get(i);
                int n = i;
                pool.submit(() -> {
                    if (n == users.size() / 2 && flushed.compareAndSet(false, true)) {
                        try (var client = RedisClient.create("redis://" + endpoint); var connection = client.connect()) {
                            connection.sync().flushall();
                        }
                    }
                    int seat = ThreadLocalRandom.current().nextInt(200);
                    Api.Answer answer = hold(showId, user, List.of("A-" + (1 + seat / 20) + "-" + (1 + seat % 20)));
                    statuses.merge(answer.status(), 1, Integer::sum);
                    if (answer.code() != null) codes.merge(answer.code(), 1, Integer::sum);
                    if (answer.status() == 201) held.add(new String[] {user, answer.body().get("holdId").asText()});
                    return null;
                });
            }
        }
        List<String[]> orders = Collections.synchronizedList(new ArrayList<>());
        for (String[] h : held) {
            Api.Answer paid = pay(h[1], h[0], "tok_ok");
            assertThat(paid.status()).as(paid.raw()).isEqualTo(202);
            orders.add(new String[] {h[0], paid.body().get("orderId").asText()});
        }
        for (String[] o : orders) awaitOrder(o[1], o[0], "CONFIRMED");

        // then the rush was answered with holds and refusals only, nothing was sold twice, and the rebuilt
        // seat map agrees with PostgreSQL
        assertThat(flushed).isTrue();
        assertThat(statuses.keySet()).containsOnly(201, 409);
        assertThat(codes.keySet()).containsOnly("seat-unavailable");
        assertThat(doubleSold(showId)).isZero();
        long sold = count("select count(*) from rushgate.seat_claims where show_id = ? and order_id is not null", showId);
        assertThat(sold).isEqualTo(held.stream().mapToLong(h -> 1).sum());
        JsonNode view = show(showId);
        assertThat(view.get("sold").asLong()).isEqualTo(sold);
        assertThat(view.get("available").asLong()).isEqualTo(200 - sold);
    }

    @Test
    void aShowBehindAWaitingRoom_takesHoldsOnlyWithAnAdmission() {
        // given a show gated by a room that admits nobody yet
        String roomId = "troom-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/v1/admin/rooms/" + roomId, admin, Api.json(Map.of("admitPerSecond", 0,
                "admissionTtlSeconds", 600, "opensAt", Instant.now().minusSeconds(1).toString()))).status()).isEqualTo(201);
        String showId = newShow(1, 4, 300, 4, Map.of("roomId", roomId));
        String user = api.token("gated-" + showId);

        // when a user holds without an admission token, then with a made-up one
        Api.Answer bare = hold(showId, user, List.of("A-1-1"));
        Api.Answer forged = api.send("POST", "/v1/shows/" + showId + "/holds", user, Api.json(Map.of("seatIds",
                List.of("A-1-1"))), Map.of("X-Admission-Token", "not-a-token"));

        // then both are refused and nothing is held
        assertThat(bare.status()).isEqualTo(403);
        assertThat(bare.code()).isEqualTo("not-admitted");
        assertThat(forged.code()).isEqualTo("not-admitted");
        assertThat(show(showId).get("held").asInt()).isZero();
    }

    @Test
    void seatsArePagedInMapOrder_withTheirStatus() {
        // given a show with a held seat
        String showId = newShow(2, 3, 300, 4, Map.of());
        hold(showId, api.token("pager-" + showId), List.of("A-1-2"));

        // when the seats are read four at a time
        Api.Answer first = api.get("/v1/shows/" + showId + "/seats?limit=4", admin);
        Api.Answer rest = api.get("/v1/shows/" + showId + "/seats?limit=4&cursor="
                + first.body().get("nextCursor").asText(), admin);

        // then every seat comes once, in order, with its status and price
        List<String> ids = new ArrayList<>();
        Map<String, String> status = new HashMap<>();
        for (JsonNode page : List.of(first.body(), rest.body())) {
            for (JsonNode seat : page.get("items")) {
                ids.add(seat.get("seatId").asText());
                status.put(seat.get("seatId").asText(), seat.get("status").asText());
                assertThat(seat.get("priceCents").asLong()).isEqualTo(5_000);
            }
        }
        assertThat(ids).containsExactly("A-1-1", "A-1-2", "A-1-3", "A-2-1", "A-2-2", "A-2-3");
        assertThat(status.get("A-1-2")).isEqualTo("HELD");
        assertThat(status.get("A-1-1")).isEqualTo("AVAILABLE");
        assertThat(rest.body().get("nextCursor")).isNull();
        assertThat(api.get("/v1/shows/" + showId + "/seats?section=A", admin).body().get("items")).hasSize(6);
        assertThat(api.get("/v1/shows/" + showId + "/seats?section=Z", admin).body().get("items")).isEmpty();
    }
}
