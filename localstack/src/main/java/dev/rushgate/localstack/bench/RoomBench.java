package dev.rushgate.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code ./rushgate bench room}: entries by distinct users, a whole crowd queued in one room, and the
 * owners' status polls, next to the health ceiling of the same run (issue 4's targets: entries at least
 * 10,000/s; polls at least 0.5 of the ceiling with p99 at most 10 ms; 100,000 users queued in at most 10 s).
 * Polls and the ceiling are measured in rounds, side by side, and judged on the median round.
 *
 * <p>Entering needs a user who has not entered that room yet, so every phase that enters takes a fresh room
 * and each user enters it once. All bench users come from 127.0.0.1, so the rooms turn the per-address
 * entry limit off (0); the per-user limit keeps its default, which one entry per user never reaches.
 */
final class RoomBench {

    /** An admission rate a real room might use: a few polls sign an admission token, as they would live. */
    private static final int ADMIT_PER_SECOND = 200;
    private static final double TARGET_ENTRIES_PER_SECOND = 10_000;
    private static final double TARGET_POLL_RATIO = 0.5;
    private static final double TARGET_POLL_P99_MILLIS = 10;
    private static final int TARGET_QUEUED = 100_000;
    private static final double TARGET_QUEUED_SECONDS = 10;
    /** Rounds of a ceiling phase next to a poll phase: odd, so one round is the median and the last ends in polls. */
    private static final int ROUNDS = 3;
    private static final Duration LEAD_IN = Duration.ofSeconds(1);

    private RoomBench() {}

    static void run(URI url, Bench.Options o, StackProcess stack) throws Exception {
        String admin = Bench.token(url, "bench-admin", List.of("admin"));
        long mintStart = System.nanoTime();
        List<String> users = Bench.tokens(url, "bench-user", o.queued(), Duration.ofSeconds(o.mintSeconds()));
        double mintSeconds = (System.nanoTime() - mintStart) / 1e9;
        int n = users.size();
        System.out.printf(Locale.ROOT, "Rushgate bench: room — %d connections, %d s per phase, %,d users; %s%n",
                o.connections(), o.seconds(), n, Bench.machine());
        System.out.printf(Locale.ROOT, "dev tokens: %,d minted in %.1f s (%,.0f/s)%s%n", n, mintSeconds, n / mintSeconds,
                n < o.queued() ? String.format(Locale.ROOT, "; --queued %,d asked for more than the %d s budget "
                        + "(--mint-seconds) allowed, so %,d users are queued instead", o.queued(), o.mintSeconds(), n) : "");
        System.out.printf(Locale.ROOT, "rooms admit %d/s; per-address entry limit 0 (off: every bench user comes "
                + "from 127.0.0.1); per-user limit at its default, each user enters each room once%n%n",
                ADMIT_PER_SECOND);

        List<byte[]> health = Bench.health(url);
        Duration phase = Duration.ofSeconds(o.seconds());
        // JIT warm-up, not reported; every user enters once, so the stack's stand-in for API Gateway's JWT
        // authorizer has checked each token before the measured phases, as the cloud's caches it
        String warmRoom = room(url, admin);
        String[] warmEntries = new String[n];
        Load.run("warm-up", url, health, o.connections(), Duration.ofSeconds(4), Long.MAX_VALUE);
        Load.run("warm-up", url, entries(url, warmRoom, users), o.connections(), Duration.ofMinutes(5), n, warmEntries);
        Load.run("warm-up", url, polls(url, warmRoom, users, warmEntries), o.connections(), Duration.ofSeconds(4),
                Long.MAX_VALUE);

        Load.Result entered = Load.run("POST entries, distinct users", url, entries(url, room(url, admin), users),
                o.connections(), phase, n);
        String crowdRoom = room(url, admin);
        String[] crowdEntries = new String[n];
        Load.Result queued = Load.run(String.format(Locale.ROOT, "%,d users queued", n), url,
                entries(url, crowdRoom, users), o.connections(), Duration.ofMinutes(5), n, crowdEntries);
        JsonNode crowd = Bench.get(url, admin, "/v1/admin/rooms/" + crowdRoom);
        List<byte[]> polls = polls(url, crowdRoom, users, crowdEntries);
        // The ratio compares two phases, and this machine has slow spells lasting seconds that land on one or
        // the other: so each round measures the ceiling next to the polls, rounds alternate which goes first
        // (a drift in speed then falls on both alike), and the target is judged on the median round.
        List<Load.Result> ceilings = new ArrayList<>();
        List<Load.Result> polled = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            String ceilingName = "GET /v1/health (ceiling), round " + round;
            String pollName = "GET entry, polls by owners, round " + round;
            if (round % 2 == 1) {
                ceilings.add(measure(ceilingName, url, health, o.connections(), phase));
                polled.add(measure(pollName, url, polls, o.connections(), phase));
            } else {
                polled.add(measure(pollName, url, polls, o.connections(), phase));
                ceilings.add(measure(ceilingName, url, health, o.connections(), phase));
            }
        }

        // A poll carries the owner's bearer token (CONTRACT.md) and a health check none. The same health check
        // carrying it, right after the last round's polls, says how much of the gap is the token's bytes alone.
        Load.Result tokenCeiling = measure("GET /v1/health, owners' tokens", url, users.stream()
                .map(t -> RawRequests.request("GET", url, "/v1/health", t)).toList(), o.connections(), phase);

        List<Load.Result> table = new ArrayList<>(List.of(entered, queued));
        for (int i = 0; i < ROUNDS; i++) table.addAll(List.of(ceilings.get(i), polled.get(i)));
        table.add(tokenCeiling);
        Bench.printTable(table);
        System.out.printf(Locale.ROOT, "entries/s:                      %,8.0f  (target ≥ %,.0f)%n", entered.perSecond(),
                TARGET_ENTRIES_PER_SECOND);
        double[] ratios = new double[ROUNDS];
        double worstP99 = 0;
        for (int i = 0; i < ROUNDS; i++) {
            ratios[i] = polled.get(i).perSecond() / ceilings.get(i).perSecond();
            worstP99 = Math.max(worstP99, polled.get(i).p99Millis());
        }
        System.out.printf(Locale.ROOT, "polls/s ÷ health ceiling:       %8.2f  (target ≥ %.1f; median of the rounds' "
                + "%s); poll p99 %.2f ms in the worst round (target ≤ %.0f ms)%n", median(ratios), TARGET_POLL_RATIO,
                Arrays.stream(ratios).mapToObj(r -> String.format(Locale.ROOT, "%.2f", r))
                        .collect(Collectors.joining(", ")), worstP99, TARGET_POLL_P99_MILLIS);
        System.out.printf(Locale.ROOT, "round %d's polls/s ÷ health checks carrying the same tokens: %.2f (the "
                + "token's bytes set aside; not the target)%n", ROUNDS,
                polled.get(ROUNDS - 1).perSecond() / tokenCeiling.perSecond());
        double healthCpu = cpuPerRequest(ceilings);
        double pollCpu = cpuPerRequest(polled);
        if (!Double.isNaN(healthCpu + pollCpu)) {
            // what decides the ratio on a machine whose cores are all busy, whatever the scheduling
            System.out.printf(Locale.ROOT, "CPU per request (stack and client, all rounds): health %.1f µs, poll "
                    + "%.1f µs; a poll costs %.2f health checks (0.5 of the ceiling needs at most %.0f)%n", healthCpu,
                    pollCpu, pollCpu / healthCpu, 1 / TARGET_POLL_RATIO);
        }
        double queuedSeconds = queued.elapsed().toMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "%,d users queued in %.2f s (target: %,d in ≤ %.0f s%s); the room then held "
                + "%,d waiting and %,d admitted, positions 1..%,d%n", n, queuedSeconds, TARGET_QUEUED,
                TARGET_QUEUED_SECONDS, n < TARGET_QUEUED ? String.format(Locale.ROOT, "; at this rate %,d would take "
                        + "%.1f s", TARGET_QUEUED, TARGET_QUEUED * queuedSeconds / n) : "",
                crowd.get("waiting").asLong(), crowd.get("admitted").asLong(),
                crowd.get("waiting").asLong() + crowd.get("admitted").asLong());
        Bench.printStack(stack);
    }

    /**
     * One measured phase of a round, after an unmeasured second of the same requests: the first moments after
     * the other kind of request cost something of their own (batches empty, entries out of the CPU caches).
     */
    private static Load.Result measure(String name, URI url, List<byte[]> requests, int connections, Duration phase)
            throws InterruptedException {
        Load.run("lead-in", url, requests, connections, LEAD_IN, Long.MAX_VALUE);
        return Load.run(name, url, requests, connections, phase, Long.MAX_VALUE);
    }

    /** The middle value; there are {@link #ROUNDS} of them, an odd number. */
    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Microseconds of the stack's and the client's CPU per request over {@code phases}, or NaN when unknown. */
    private static double cpuPerRequest(List<Load.Result> phases) {
        double micros = 0;
        long requests = 0;
        for (Load.Result r : phases) {
            micros += (r.stackMicros() + r.clientMicros()) * r.requests();
            requests += r.requests();
        }
        return requests == 0 ? Double.NaN : micros / requests;
    }

    private static String room(URI url, String admin) throws IOException, InterruptedException {
        String roomId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Bench.create(url, admin, "/v1/admin/rooms/" + roomId, Map.of("admitPerSecond", ADMIT_PER_SECOND,
                "admissionTtlSeconds", 600, "opensAt", Instant.now().minusSeconds(1).toString(),
                "entriesPerIpPerMinute", 0));
        return roomId;
    }

    private static List<byte[]> entries(URI url, String roomId, List<String> users) {
        String path = "/v1/rooms/" + roomId + "/entries";
        return users.stream().map(t -> RawRequests.request("POST", url, path, t)).toList();
    }

    /** Each user's poll of their own entry; {@code entered[i]} is the answer to user i's entry. */
    private static List<byte[]> polls(URI url, String roomId, List<String> users, String[] entered) throws IOException {
        List<byte[]> polls = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            if (entered[i] == null) throw new IOException("user " + i + " has no entry in " + roomId);
            JsonNode entry = Bench.JSON.readTree(entered[i]);
            if (!entry.hasNonNull("entryId")) throw new IOException("user " + i + " did not enter: " + entered[i]);
            polls.add(RawRequests.request("GET", url, "/v1/rooms/" + roomId + "/entries/"
                    + entry.get("entryId").asText(), users.get(i)));
        }
        return polls;
    }
}
