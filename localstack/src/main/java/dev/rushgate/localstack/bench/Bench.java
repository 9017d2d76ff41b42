package dev.rushgate.localstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code ./rushgate bench drop [--url URL] [--connections N] [--seconds S] [--users U]}: claims against the
 * local stack next to the health ceiling measured in the same run. Without {@code --url} it starts the
 * stack in a JVM of its own and stops it afterwards.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Options(String scenario, URI url, int connections, int seconds, int users, long rushClaims) {}

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        if (!options.scenario().equals("drop")) {
            System.err.println("unknown benchmark " + options.scenario() + "; known: drop");
            System.exit(2);
        }
        StackProcess stack = null;
        URI url = options.url();
        Path log = Files.createTempFile("rushgate-bench-stack", ".log");
        if (url == null) {
            System.out.println("starting the local stack (log: " + log + ") …");
            stack = StackProcess.start(log);
            url = stack.url();
        }
        try {
            drop(url, options, stack);
        } finally {
            if (stack != null) stack.close();
        }
    }

    private static void drop(URI url, Options o, StackProcess stack) throws Exception {
        String admin = token(url, "bench-admin", List.of("admin"));
        List<String> users = tokens(url, o.users());
        System.out.printf(Locale.ROOT, "Rushgate bench: drop — %d connections, %d s per phase, %d users; client and "
                + "stack share this %d-core machine%n%n", o.connections(), o.seconds(), users.size(),
                Runtime.getRuntime().availableProcessors());

        List<byte[]> health = List.of(RawRequests.request("GET", url, "/v1/health", null));
        Duration phase = Duration.ofSeconds(o.seconds());
        // JIT warm-up of both paths, not reported
        String warm = drop(url, admin, 1_000_000, 1_000);
        Load.run("warm-up", url, health, o.connections(), Duration.ofSeconds(4), Long.MAX_VALUE);
        Load.run("warm-up", url, claims(url, warm, users), o.connections(), Duration.ofSeconds(4), Long.MAX_VALUE);

        Load.Result ceiling = Load.run("GET /v1/health (ceiling)", url, health, o.connections(), phase, Long.MAX_VALUE);
        String rushDrop = drop(url, admin, 100, 1);
        Load.Result rush = Load.run("POST claims, drop of 100", url, claims(url, rushDrop, users), o.connections(),
                phase, Long.MAX_VALUE);
        awaitConfirmed(url, admin, rushDrop, 100, Instant.now());

        String hundred = drop(url, admin, 100, 1);
        Instant rushStart = Instant.now();
        Load.Result cleared = Load.run(String.format(Locale.ROOT, "%,d claims for 100 coupons", o.rushClaims()), url,
                claims(url, hundred, users), o.connections(), Duration.ofMinutes(5), o.rushClaims());
        Duration confirmedAfter = awaitConfirmed(url, admin, hundred, 100, rushStart);

        String openDrop = drop(url, admin, 10_000_000, 1_000);
        Load.Result accepted = Load.run("POST claims, every one accepted", url, claims(url, openDrop, users),
                o.connections(), phase, Long.MAX_VALUE);
        Instant drainStart = Instant.now();
        Duration drained = awaitConfirmed(url, admin, openDrop, accepted.count(202), drainStart);

        System.out.printf(Locale.ROOT, "%-34s %10s %9s %9s  %s%n", "phase", "req/s", "p50 ms", "p99 ms", "answers");
        for (Load.Result r : List.of(ceiling, rush, cleared, accepted)) {
            System.out.printf(Locale.ROOT, "%-34s %,10.0f %9.2f %9.2f  %s%s%n", r.name(), r.perSecond(), r.p50Millis(),
                    r.p99Millis(), r.statuses().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining(" ")), r.errors() > 0 ? " errors:" + r.errors() : "");
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "claims/s ÷ health ceiling, drop of 100:      %.2f%n", rush.perSecond() / ceiling.perSecond());
        System.out.printf(Locale.ROOT, "claims/s ÷ health ceiling, all accepted:     %.2f%n", accepted.perSecond() / ceiling.perSecond());
        System.out.printf(Locale.ROOT, "%,d claims for 100 coupons: all answered in %.2f s (%d accepted); all 100 "
                + "CONFIRMED %.2f s after the first claim%n", cleared.requests(), cleared.elapsed().toMillis() / 1000.0,
                cleared.count(202), confirmedAfter.toMillis() / 1000.0);
        double wall = (accepted.elapsed().toMillis() + drained.toMillis()) / 1000.0;
        System.out.printf(Locale.ROOT, "all-accepted backlog of %,d stored %.2f s after the load stopped (%,.0f stored/s "
                + "over the phase and its drain)%n", accepted.count(202), drained.toMillis() / 1000.0, accepted.count(202) / wall);
        System.out.printf(Locale.ROOT, "accepted in the drop-of-100 phase: %d (must be 100)%n", rush.count(202));
        if (stack != null) {
            System.out.printf(Locale.ROOT, "stack: healthy %.1f s after launch; resident memory %,d MiB (JVM, Redis and "
                    + "PostgreSQL)%n", stack.readyIn().toMillis() / 1000.0, stack.residentMiB());
        }
    }

    private static List<byte[]> claims(URI url, String dropId, List<String> users) {
        String path = "/v1/drops/" + dropId + "/claims";
        return users.stream().map(t -> RawRequests.request("POST", url, path, t)).toList();
    }

    private static String drop(URI url, String admin, int stock, int perUser) throws IOException, InterruptedException {
        String dropId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        String body = JSON.writeValueAsString(Map.of("name", "Bench", "stock", stock, "perUserLimit", perUser,
                "opensAt", Instant.now().minusSeconds(1).toString()));
        var response = HTTP.send(HttpRequest.newBuilder(url.resolve("/v1/admin/drops/" + dropId))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) throw new IOException("cannot create a drop: " + response.body());
        return dropId;
    }

    private static Duration awaitConfirmed(URI url, String admin, String dropId, long expected, Instant since)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            var response = HTTP.send(HttpRequest.newBuilder(url.resolve("/v1/drops/" + dropId))
                    .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode drop = JSON.readTree(response.body());
            if (drop.get("confirmed").asLong() >= expected) return Duration.between(since, Instant.now());
            Thread.sleep(20);
        }
        throw new IOException("claims of " + dropId + " were not all confirmed within 180 s");
    }

    private static List<String> tokens(URI url, int count) throws InterruptedException {
        String[] tokens = new String[count];
        try (var pool = Executors.newFixedThreadPool(8)) {
            IntStream.range(0, count).forEach(i -> pool.submit(() -> {
                tokens[i] = token(url, "bench-user-" + i, List.of());
                return null;
            }));
        }
        return new ArrayList<>(List.of(tokens));
    }

    private static String token(URI url, String userId, List<String> roles) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("userId", userId, "roles", roles));
        var response = HTTP.send(HttpRequest.newBuilder(url.resolve("/v1/dev/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("no dev token (is " + url + " a local stack?): " + response.body());
        }
        return JSON.readTree(response.body()).get("token").asText();
    }

    private static Options parse(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: rushgate bench drop [--url URL] [--connections N] [--seconds S] [--users U] "
                    + "[--rush-claims N]");
            System.exit(2);
        }
        String scenario = args[0];
        URI url = null;
        int connections = 50;
        int seconds = 5;
        int users = 2_000;
        long rush = 100_000;
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                System.err.println(args[i] + " needs a value");
                System.exit(2);
            }
            switch (args[i]) {
                case "--url" -> url = URI.create(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--users" -> users = Integer.parseInt(value);
                case "--rush-claims" -> rush = Long.parseLong(value);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
            i++;
        }
        return new Options(scenario, url, connections, seconds, users, rush);
    }
}
