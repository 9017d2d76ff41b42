package dev.rushgate.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code ./rushgate bench ticket}: inventory (shows of 100,000 seats created over HTTP: COPY into PostgreSQL,
 * then the hot state into Redis), holds that are all accepted (each one Lua call and one PostgreSQL insert),
 * holds contested in a 2,000-seat section (2 to 4 seats each, mostly refused), and payments, next to the
 * health ceiling of the same run. Issue 5's targets: inventory at least 200,000 seat rows/s; holds at least
 * 5,000/s with p99 at most 25 ms at 50 connections.
 */
final class TicketBench {

    private static final int INVENTORY_SEATS = 100_000;
    private static final int INVENTORY_RUNS = 3;
    private static final int MAX_SEATS_PER_USER = 50;
    private static final int PAID = 2_000;
    private static final double TARGET_ROWS_PER_SECOND = 200_000;
    private static final double TARGET_HOLDS_PER_SECOND = 5_000;
    private static final double TARGET_HOLD_P99_MILLIS = 25;

    private TicketBench() {}

    static void run(URI url, Bench.Options o, StackProcess stack) throws Exception {
        String admin = Bench.token(url, "bench-admin", List.of("admin"));
        List<String> users = Bench.tokens(url, "bench-user", o.users(), Duration.ofMinutes(10));
        int n = users.size();
        if ((long) n * MAX_SEATS_PER_USER < INVENTORY_SEATS) {
            throw new IllegalArgumentException("--users must be at least " + INVENTORY_SEATS / MAX_SEATS_PER_USER);
        }
        System.out.printf(Locale.ROOT, "Rushgate bench: ticket — %d connections, %d s per phase, %,d users; %s%n%n",
                o.connections(), o.seconds(), n, Bench.machine());

        List<byte[]> health = Bench.health(url);
        Duration phase = Duration.ofSeconds(o.seconds());
        // JIT warm-up of every measured path, not reported
        show(url, admin, 10_000);
        String warmShow = show(url, admin, INVENTORY_SEATS).showId();
        Load.run("warm-up", url, health, o.connections(), Duration.ofSeconds(4), Long.MAX_VALUE);
        Load.run("warm-up", url, holds(url, warmShow, users, INVENTORY_SEATS), o.connections(), Duration.ofSeconds(4),
                Long.MAX_VALUE);
        Load.run("warm-up", url, contested(url, show(url, admin, 2_000).showId(), users), o.connections(),
                Duration.ofSeconds(3), Long.MAX_VALUE);

        Load.Result ceiling = Load.run("GET /v1/health (ceiling)", url, health, o.connections(), phase, Long.MAX_VALUE);
        List<Created> inventory = new ArrayList<>();
        for (int i = 0; i < INVENTORY_RUNS; i++) inventory.add(show(url, admin, INVENTORY_SEATS));
        String open = inventory.getFirst().showId();
        String[] held = new String[PAID];
        Load.Result holds = Load.run("POST holds, every one accepted", url, holds(url, open, users, INVENTORY_SEATS),
                o.connections(), phase, INVENTORY_SEATS, held);
        Load.Result rush = Load.run("POST holds, 2,000 seats contested", url,
                contested(url, show(url, admin, 2_000).showId(), users), o.connections(), phase, Long.MAX_VALUE);
        JsonNode before = Bench.get(url, admin, "/v1/shows/" + open);
        long start = System.nanoTime();
        List<byte[]> payments = payments(url, users, held);
        Load.Result paid = Load.run(String.format(Locale.ROOT, "POST payment, %,d holds", payments.size()), url,
                payments, o.connections(), Duration.ofMinutes(2), payments.size());
        Duration confirmed = awaitSold(url, admin, open, before.get("sold").asLong() + paid.count(202), start);
        JsonNode after = Bench.get(url, admin, "/v1/shows/" + open);

        Bench.printTable(List.of(ceiling, holds, rush, paid));
        double[] rates = inventory.stream().mapToDouble(c -> INVENTORY_SEATS / (c.millis() / 1000.0)).sorted().toArray();
        System.out.printf(Locale.ROOT, "inventory: %,d-seat shows created in %s ms: median %,.0f seat rows/s "
                + "(target ≥ %,.0f)%n", INVENTORY_SEATS, Arrays.toString(inventory.stream().mapToLong(Created::millis)
                .toArray()), rates[rates.length / 2], TARGET_ROWS_PER_SECOND);
        System.out.printf(Locale.ROOT, "holds/s:                      %,8.0f  (target ≥ %,.0f); p99 %.2f ms (target ≤ %.0f ms)%n",
                holds.perSecond(), TARGET_HOLDS_PER_SECOND, holds.p99Millis(), TARGET_HOLD_P99_MILLIS);
        System.out.printf(Locale.ROOT, "holds/s ÷ health ceiling:     %8.2f%n", holds.perSecond() / ceiling.perSecond());
        System.out.printf(Locale.ROOT, "contested holds/s ÷ ceiling:  %8.2f  (%,d held, %,d refused)%n",
                rush.perSecond() / ceiling.perSecond(), rush.count(201), rush.count(409));
        System.out.printf(Locale.ROOT, "%,d payments: all CONFIRMED (seats SOLD) %.2f s after the first was sent%n",
                paid.count(202), confirmed.toMillis() / 1000.0);
        System.out.printf(Locale.ROOT, "show %s afterwards: total %,d = available %,d + held %,d + sold %,d%n", open,
                after.get("total").asLong(), after.get("available").asLong(), after.get("held").asLong(),
                after.get("sold").asLong());
        Bench.printStack(stack);
    }

    private record Created(String showId, long millis) {}

    /** Creates a show of {@code seats} seats (sections of 25 rows) and times the PUT. */
    private static Created show(URI url, String admin, int seats) throws IOException, InterruptedException {
        String showId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        int perSection = Math.min(seats, 25_000);
        List<Map<String, Object>> sections = new ArrayList<>();
        for (int i = 0; i * perSection < seats; i++) {
            sections.add(Map.of("id", "S" + i, "rows", perSection / 1_000 == 0 ? 1 : perSection / 1_000,
                    "seatsPerRow", perSection >= 1_000 ? 1_000 : perSection, "priceCents", 5_000));
        }
        long start = System.nanoTime();
        Bench.create(url, admin, "/v1/admin/shows/" + showId, Map.of("name", "Bench", "startsAt",
                "2027-01-01T20:00:00Z", "holdSeconds", 600, "maxSeatsPerUser", MAX_SEATS_PER_USER, "sections", sections));
        return new Created(showId, (System.nanoTime() - start) / 1_000_000);
    }

    /** One hold per seat, in map order, by user {@code i % users}: every one is accepted. */
    private static List<byte[]> holds(URI url, String showId, List<String> users, int seats) {
        List<byte[]> requests = new ArrayList<>(seats);
        String path = "/v1/shows/" + showId + "/holds";
        for (int i = 0; i < seats; i++) {
            String seat = "S" + (i / 25_000) + "-" + (1 + (i % 25_000) / 1_000) + "-" + (1 + i % 1_000);
            requests.add(RawRequests.postJson(url, path, users.get(i % users.size()), "{\"seatIds\":[\"" + seat + "\"]}"));
        }
        return requests;
    }

    /** Each user wants 2 to 4 adjacent seats somewhere in a 2,000-seat section (2 rows of 1,000). */
    private static List<byte[]> contested(URI url, String showId, List<String> users) {
        var random = ThreadLocalRandom.current();
        String path = "/v1/shows/" + showId + "/holds";
        List<byte[]> requests = new ArrayList<>(users.size());
        for (String user : users) {
            int n = 2 + random.nextInt(3);
            int row = 1 + random.nextInt(2);
            int first = 1 + random.nextInt(1_000 - n + 1);
            StringBuilder body = new StringBuilder("{\"seatIds\":[");
            for (int s = first; s < first + n; s++) {
                if (s > first) body.append(',');
                body.append("\"S0-").append(row).append('-').append(s).append('"');
            }
            requests.add(RawRequests.postJson(url, path, user, body.append("]}").toString()));
        }
        return requests;
    }

    /** A payment for each of the first holds that was answered 201 (a hold lost to a connection error is skipped). */
    private static List<byte[]> payments(URI url, List<String> users, String[] held) throws IOException {
        List<byte[]> requests = new ArrayList<>(held.length);
        for (int i = 0; i < held.length; i++) {
            if (held[i] == null) continue;
            JsonNode hold = Bench.JSON.readTree(held[i]);
            if (!hold.hasNonNull("holdId")) continue;
            requests.add(RawRequests.postJson(url, "/v1/holds/" + hold.get("holdId").asText() + "/payment",
                    users.get(i % users.size()), "{\"paymentToken\":\"tok_ok\"}"));
        }
        if (requests.isEmpty()) throw new IOException("no hold was answered 201");
        return requests;
    }

    private static Duration awaitSold(URI url, String admin, String showId, long expected, long startNanos)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (Bench.get(url, admin, "/v1/shows/" + showId).get("sold").asLong() >= expected) {
                return Duration.ofNanos(System.nanoTime() - startNanos);
            }
            Thread.sleep(20);
        }
        throw new IOException("payments of " + showId + " were not all confirmed within 180 s");
    }

}
