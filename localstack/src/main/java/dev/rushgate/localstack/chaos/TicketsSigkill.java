package dev.rushgate.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A ticket rush with payments, the whole stack SIGKILLed under it, a restart on the same data. Each user holds 1 or 2
 * seats (an Idempotency-Key on the hold) and pays for them ({@code tok_ok}; every tenth {@code tok_flaky}, which the
 * simulator charges and then answers 503; every 25th {@code tok_declined}). Clients left without an answer retry: the
 * hold with the same key, the payment for the hold they were given (paying a hold again answers the same order).
 * Every order a client was told 202 about must end CONFIRMED (FAILED, with its seats released, when declined); no seat
 * in two confirmed orders, no hold paid by two orders, no order charged twice, nothing sold beyond the seat map.
 */
final class TicketsSigkill implements Scenario {
    private static final String ADMIN = "admin-chaos";

    /**
     * Without the crash: the same ticket rush with a provider that times out after charging ({@code tok_timeout} for
     * every tenth user: charged, and the first try never answered). Each such order must still be CONFIRMED, charged
     * once.
     */
    static TicketsSigkill paymentTimeout() {
        return new TicketsSigkill(false);
    }

    private final boolean crash;

    TicketsSigkill() {
        this(true);
    }

    private TicketsSigkill(boolean crash) {
        this.crash = crash;
    }

    @Override
    public String name() {
        return crash ? "tickets-sigkill" : "payment-timeout";
    }

    /** What one user wants: the same seats and payment token on every try. */
    record Want(List<String> seats, String token) {}

    /** What users were given, every distinct hold and order id, so that a retry answered differently shows. */
    private final Map<String, Set<String>> holdsOf = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> ordersOf = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    @Override
    public Row run(Run run) throws Exception {
        int users = this.crash ? (run.quick() ? 400 : 4_000) : (run.quick() ? 100 : 400);
        int rows = run.quick() ? 10 : 50;
        int perRow = run.quick() ? 20 : 40;
        int total = rows * perRow;
        Duration killAfter = Duration.ofMillis(1_500);
        String showId = "chaos-show";
        try (Crash crash = new Crash(run, name(), run.stackArgs())) {
            Api api = new Api(crash.start().url());
            api.ok("PUT", "/v1/admin/shows/" + showId, ADMIN, Map.of("name", "Chaos", "startsAt",
                    Instant.now().plus(Duration.ofDays(30)).toString(), "holdSeconds", 600, "maxSeatsPerUser", 4,
                    "sections", List.of(Map.of("id", "A", "rows", rows, "seatsPerRow", perRow, "priceCents", 5000))));
            List<String> clients = IntStream.range(0, users).mapToObj(i -> "fan-" + i).toList();
            Map<String, Want> wants = new HashMap<>();
            for (int i = 0; i < users; i++) wants.put(clients.get(i), want(i, rows, perRow, this.crash));
            api.mint(clients);
            Ledger ledger = new Ledger();
            Crowd.Journey buy = user -> buy(api, ledger, showId, user, wants.get(user));
            Stack restarted;
            Instant faultAt;
            if (this.crash) {
                restarted = crash.killAndRestart(Crowd.start(clients, 32, buy), killAfter, api);
                faultAt = crash.killedAt();
            } else {
                faultAt = Instant.now();
                Crowd.start(clients, 32, buy).join();
                restarted = crash.stack();
            }
            Instant healthy = Instant.now();
            int retried = ledger.unanswered().size();
            for (int attempt = 0; attempt < 3 && !ledger.unanswered().isEmpty(); attempt++) {
                if (attempt > 0) Thread.sleep(1_000);
                Crowd.start(ledger.unanswered(), 16, buy).join();
            }
            Map<String, String> acknowledged = new HashMap<>(); // orderId -> user
            ledger.told(202).forEach(t -> acknowledged.put(t.id(), t.client()));

            // wait (bounded) until every acknowledged order has settled: CONFIRMED or FAILED
            Duration recovered = null;
            Duration sinceHealthy = null;
            Map<String, JsonNode> orders = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(run.quick() ? 90 : 300).toNanos();
            while (System.nanoTime() < deadline) {
                for (String orderId : acknowledged.keySet()) {
                    JsonNode o = orders.get(orderId);
                    if (o != null && !o.path("status").asText().equals("PENDING")) continue;
                    Api.Answer a = api.send("GET", "/v1/orders/" + orderId, ADMIN, null, null);
                    if (a.status() == 200) orders.put(orderId, a.body());
                }
                if (orders.size() == acknowledged.size() && orders.values().stream()
                        .noneMatch(o -> o.path("status").asText().equals("PENDING"))) {
                    recovered = Duration.between(faultAt, Instant.now());
                    sinceHealthy = Duration.between(healthy, Instant.now());
                    break;
                }
                Thread.sleep(500);
            }
            Thread.sleep(2_000); // a late second charge or a late state change would land now
            orders.clear();
            for (String orderId : acknowledged.keySet()) {
                Api.Answer a = api.send("GET", "/v1/orders/" + orderId, ADMIN, null, null);
                if (a.status() == 200) orders.put(orderId, a.body());
            }
            List<JsonNode> seats = api.all("/v1/shows/" + showId + "/seats", ADMIN);
            JsonNode show = api.get("/v1/shows/" + showId, ADMIN);
            Map<String, String> seatStatus = new HashMap<>();
            seats.forEach(s -> seatStatus.put(s.path("seatId").asText(), s.path("status").asText()));

            // lost: an acknowledged order missing, still PENDING, or not what its token decides; a confirmed order's
            // seat not SOLD; a declined order's seat still SOLD to nobody's confirmed order
            long lost = 0;
            long failed = 0;
            Map<String, Integer> confirmedPerSeat = new HashMap<>();
            Map<String, Integer> ordersPerHold = new HashMap<>();
            Map<String, String> holdOfOrder = new HashMap<>();
            List<JsonNode> declined = new ArrayList<>();
            for (var e : acknowledged.entrySet()) {
                JsonNode o = orders.get(e.getKey());
                String want = wants.get(e.getValue()).token().equals("tok_declined") ? "FAILED" : "CONFIRMED";
                if (o == null || !o.path("status").asText().equals(want)) {
                    lost++;
                    continue;
                }
                ordersPerHold.merge(o.path("holdId").asText(), 1, Integer::sum);
                holdOfOrder.put(e.getKey(), o.path("holdId").asText());
                if (want.equals("FAILED")) {
                    failed++;
                    declined.add(o);
                    continue;
                }
                for (JsonNode s : o.path("seatIds")) {
                    confirmedPerSeat.merge(s.asText(), 1, Integer::sum);
                    if (!"SOLD".equals(seatStatus.get(s.asText()))) lost++;
                }
            }
            for (JsonNode o : declined) {
                for (JsonNode s : o.path("seatIds")) {
                    if ("SOLD".equals(seatStatus.get(s.asText())) && !confirmedPerSeat.containsKey(s.asText())) lost++;
                }
            }
            long confirmed = orders.values().stream().filter(o -> o.path("status").asText().equals("CONFIRMED")).count();

            // duplicated: a retry answered a second hold or a second order; a hold with two orders; an order charged
            // twice (the restarted stack's simulator: its memory of charges before the SIGKILL died with it)
            long duplicated = 0;
            duplicated += holdsOf.values().stream().mapToLong(s -> Math.max(0, s.size() - 1)).sum();
            duplicated += ordersOf.values().stream().mapToLong(s -> Math.max(0, s.size() - 1)).sum();
            duplicated += ordersPerHold.values().stream().mapToLong(n -> n - 1).sum();
            Map<String, Integer> chargesPerKey = new HashMap<>();
            for (JsonNode c : charges(restarted)) chargesPerKey.merge(c.path("idempotencyKey").asText(), 1, Integer::sum);
            duplicated += chargesPerKey.values().stream().mapToLong(n -> n - 1).sum();
            Map<String, Integer> chargedPerHold = new HashMap<>();
            chargesPerKey.keySet().stream().filter(holdOfOrder::containsKey)
                    .forEach(k -> chargedPerHold.merge(holdOfOrder.get(k), 1, Integer::sum));
            duplicated += chargedPerHold.values().stream().mapToLong(n -> n - 1).sum();

            // oversold: a seat in two confirmed orders, more SOLD than seats, counts that do not add up to the map
            long sold = seatStatus.values().stream().filter("SOLD"::equals).count();
            long oversold = confirmedPerSeat.values().stream().mapToLong(n -> n - 1).sum()
                    + Math.max(0, sold - total) + Math.max(0, seats.size() - total)
                    + Math.max(0, show.path("sold").asLong() + show.path("held").asLong()
                    + show.path("available").asLong() - total);
            long soldUnacknowledged = seatStatus.entrySet().stream()
                    .filter(s -> s.getValue().equals("SOLD") && !confirmedPerSeat.containsKey(s.getKey())).count();

            // a hold the seat map took before the SIGKILL but PostgreSQL never recorded: nobody was given it, so its
            // seats stay HELD until it lapses, and its own client's retry is told seat-unavailable
            long refusedOwnSeats = ledger.told(409).stream().filter(t -> wants.get(t.client()).seats().stream()
                    .allMatch(seat -> "HELD".equals(seatStatus.get(seat)))).count();
            Map<String, Integer> ends = new java.util.TreeMap<>();
            ledger.all().values().forEach(t -> ends.merge(t.status() + (t.detail() == null || t.status() == 202 ? ""
                    : " " + t.detail()), 1, Integer::sum));
            long timedOut = wants.values().stream().filter(w -> w.token().equals("tok_timeout")).count();
            String note = String.format(Locale.ROOT, "%,d seats, %,d users; %s, %,d without an "
                            + "answer retried; journeys ended %s; %,d orders confirmed, %,d declined and FAILED; show sold %,d held %,d "
                            + "available %,d (%,d seats sold without an acknowledgement; %,d users told seat-unavailable while all their seats are HELD, by no client's hold); %,d charges on the restarted "
                            + "simulator; settled %s after the restarted stack was healthy", total, users,
                    this.crash ? String.format(Locale.ROOT, "SIGKILL %.1f s in", killAfter.toMillis() / 1000.0)
                            : timedOut + " users' payments time out after charging (tok_timeout)", retried, ends, confirmed, failed, show.path("sold").asLong(),
                    show.path("held").asLong(), show.path("available").asLong(), soldUnacknowledged, refusedOwnSeats,
                    chargesPerKey.values().stream().mapToInt(Integer::intValue).sum(),
                    sinceHealthy == null ? "never" : String.format(Locale.ROOT, "%.1f s", sinceHealthy.toMillis() / 1000.0));
            return new Row(name(), requests.get(), acknowledged.size(), confirmed, lost, duplicated, oversold,
                    recovered, note);
        }
    }

    /** User {@code i}'s seats (1 or 2 adjacent, from a seed of its own) and payment token. */
    static Want want(int i, int rows, int perRow, boolean crash) {
        Random random = new Random(i * 7919L + 17);
        int row = 1 + random.nextInt(rows);
        int n = 1 + random.nextInt(2);
        int first = 1 + random.nextInt(perRow - n + 1);
        List<String> seats = new ArrayList<>();
        for (int s = first; s < first + n; s++) seats.add("A-" + row + "-" + s);
        String token = i % 25 == 7 ? "tok_declined" : i % 10 == 3 ? (crash ? "tok_flaky" : "tok_timeout") : "tok_ok";
        return new Want(List.copyOf(seats), token);
    }

    /**
     * Holds (unless a hold was given before) and pays. The ledger records only where the journey ended: a refused
     * hold, the payment's answer, or no answer (then the whole journey is retried: the hold with its key).
     */
    void buy(Api api, Ledger ledger, String showId, String user, Want want) throws InterruptedException {
        Set<String> holds = holdsOf.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet());
        String holdId = holds.stream().findFirst().orElse(null);
        try {
            if (holdId == null) {
                requests.incrementAndGet();
                Api.Answer h = api.send("POST", "/v1/shows/" + showId + "/holds", user,
                        Map.of("seatIds", want.seats()), "chaos-hold-" + user);
                if (h.status() >= 500) {
                    ledger.record(user, Ledger.NO_ANSWER, null, h.status() + " " + h.text("code"));
                    return;
                }
                if (h.status() != 201) {
                    ledger.record(user, h.status(), null, h.text("code"));
                    return;
                }
                holdId = h.text("holdId");
                holds.add(holdId);
            }
            requests.incrementAndGet();
            Api.Answer p = api.send("POST", "/v1/holds/" + holdId + "/payment", user,
                    Map.of("paymentToken", want.token()), "chaos-pay-" + user);
            if (p.status() == 202) {
                ordersOf.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(p.text("orderId"));
            }
            ledger.record(user, p.status() >= 500 ? Ledger.NO_ANSWER : p.status(), p.text("orderId"), p.text("code"));
        } catch (IOException noAnswer) {
            ledger.record(user, Ledger.NO_ANSWER, null, noAnswer.toString());
        }
    }

    /** Every charge the restarted stack's payment simulator made ({@code GET /v1/charges}, as its docs offer). */
    static List<JsonNode> charges(Stack stack) throws IOException, InterruptedException {
        URI payments = URI.create(stack.printed("payments\\s+(http://\\S+)"));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(payments.resolve("/v1/charges"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IOException("GET /v1/charges answered " + r.statusCode());
            List<JsonNode> list = new ArrayList<>();
            Api.JSON.readTree(r.body()).path("data").forEach(list::add);
            return list;
        }
    }
}
