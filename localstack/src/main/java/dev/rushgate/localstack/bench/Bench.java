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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code ./rushgate bench drop|room [--url URL] [options]}: one scenario against the local stack, next to
 * the health ceiling measured in the same run. Without {@code --url} it starts the stack in a JVM of its
 * own and stops it afterwards. The scenarios share what is here: options, the stack, dev tokens, admin
 * calls and the printed table.
 */
public final class Bench {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String USAGE = "usage: rushgate bench drop|room|ticket|vote|feed [--url URL] [--connections N] "
            + "[--seconds S] [--users U (drop, ticket)] [--rush-claims N (drop)] [--queued N (room)] "
            + "[--mint-seconds S (room, vote)] [--voters N (vote)]\n       " + TablesBench.USAGE.substring(7);
    /** The DynamoDB engine against PostgreSQL, without the stack: {@link TablesBench} reads its own options. */
    static final String TABLES = "tables";

    /** One benchmark; {@code stack} is null when it runs against {@code --url}. */
    interface Scenario {
        void run(URI url, Options options, StackProcess stack) throws Exception;
    }

    static final Map<String, Scenario> SCENARIOS = Map.of("drop", DropBench::run, "room", RoomBench::run,
            "ticket", TicketBench::run, "vote", VoteBench::run, "feed", FeedBench::run);

    /**
     * The command line. {@code users} and {@code rushClaims} are the drop scenario's; {@code queued} (users
     * to put in one room) and {@code mintSeconds} (the most time spent minting their dev tokens) the room's.
     */
    record Options(String scenario, URI url, int connections, int seconds, int users, long rushClaims, int queued,
                   int mintSeconds, int voters) {

        /** Parses {@code args}; an unknown scenario or option, or a missing value, is an IllegalArgumentException. */
        static Options parse(String... args) {
            if (args.length == 0) throw new IllegalArgumentException("which benchmark? known: " + known());
            String scenario = args[0];
            if (!SCENARIOS.containsKey(scenario)) {
                throw new IllegalArgumentException("unknown benchmark " + scenario + "; known: " + known());
            }
            URI url = null;
            int connections = 50;
            int seconds = 5;
            int users = 2_000;
            long rush = 100_000;
            int queued = 100_000;
            int mintSeconds = 30;
            int voters = 100_000; // vote: distinct users, each votes once per poll
            for (int i = 1; i < args.length; i += 2) {
                if (i + 1 >= args.length) throw new IllegalArgumentException(args[i] + " needs a value");
                String value = args[i + 1];
                try {
                    switch (args[i]) {
                        case "--url" -> url = URI.create(value);
                        case "--connections" -> connections = positive(args[i], Integer.parseInt(value));
                        case "--seconds" -> seconds = positive(args[i], Integer.parseInt(value));
                        case "--users" -> users = positive(args[i], Integer.parseInt(value));
                        case "--rush-claims" -> rush = positive(args[i], Long.parseLong(value));
                        case "--queued" -> queued = positive(args[i], Integer.parseInt(value));
                        case "--mint-seconds" -> mintSeconds = positive(args[i], Integer.parseInt(value));
                        case "--voters" -> voters = positive(args[i], Integer.parseInt(value));
                        default -> throw new IllegalArgumentException("unknown option " + args[i]);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(args[i] + " needs a number, not " + value);
                }
            }
            return new Options(scenario, url, connections, seconds, users, rush, queued, mintSeconds, voters);
        }

        private static <N extends Number> N positive(String option, N value) {
            if (value.longValue() <= 0) throw new IllegalArgumentException(option + " must be at least 1");
            return value;
        }

        private static String known() {
            return Stream.concat(SCENARIOS.keySet().stream(), Stream.of(TABLES)).sorted()
                    .collect(Collectors.joining(", "));
        }
    }

    private Bench() {}

    /** The options {@code parse} reads, or the usage and exit code 2 when they are wrong. */
    static <T> T parseOrExit(java.util.function.Supplier<T> parse, String usage) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage);
            System.exit(2);
            throw e; // not reached
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(TABLES)) {
            TablesBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Options options = parseOrExit(() -> Options.parse(args), USAGE);
        StackProcess stack = null;
        URI url = options.url();
        if (url == null) {
            Path log = Files.createTempFile("rushgate-bench-stack", ".log");
            System.out.println("starting the local stack (log: " + log + ") …");
            stack = StackProcess.start(log, List.of("--no-throttle"));
            url = stack.url();
            Load.measureStackCpu(stack::cpu);
        }
        try {
            SCENARIOS.get(options.scenario()).run(url, options, stack);
        } finally {
            if (stack != null) stack.close();
        }
    }

    /** The machine line every scenario begins with: client and stack share it, which the figures depend on. */
    static String machine() {
        return String.format(Locale.ROOT, "client and stack share this %d-core machine",
                Runtime.getRuntime().availableProcessors());
    }

    /** One row per phase: req/s, p50, p99 and the count of each status. */
    static void printTable(List<Load.Result> results) {
        System.out.printf(Locale.ROOT, "%-34s %10s %9s %9s %11s %11s  %s%n", "phase", "req/s", "p50 ms", "p99 ms",
                "stack µs/r", "client µs/r", "answers");
        for (Load.Result r : results) {
            System.out.printf(Locale.ROOT, "%-34s %,10.0f %9.2f %9.2f %11s %11s  %s%s%n", r.name(), r.perSecond(),
                    r.p50Millis(), r.p99Millis(), micros(r.stackMicros()), micros(r.clientMicros()),
                    r.statuses().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining(" ")), r.errors() > 0 ? " errors:" + r.errors() : "");
        }
        System.out.println("(µs/r: CPU time per request of the stack, with its Redis and PostgreSQL, and of the "
                + "load client; \"-\" when this run did not start the stack)");
        System.out.println();
    }

    private static String micros(double micros) {
        return Double.isNaN(micros) ? "-" : String.format(Locale.ROOT, "%.1f", micros);
    }

    /** How soon the stack was healthy and how much memory it holds, when this run started it. */
    static void printStack(StackProcess stack) {
        if (stack == null) return;
        System.out.printf(Locale.ROOT, "stack: healthy %.1f s after launch; resident memory %,d MiB (JVM, Redis and "
                + "PostgreSQL)%n", stack.readyIn().toMillis() / 1000.0, stack.residentMiB());
    }

    /** The health check as a ready-made request: the ceiling every scenario is compared with. */
    static List<byte[]> health(URI url) {
        return List.of(RawRequests.request("GET", url, "/v1/health", null));
    }

    /**
     * Dev tokens for users {@code prefix-0 …}: {@code count} of them, or as many as {@code budget} allows
     * (signing is RSA, about a millisecond of CPU each), in order from {@code prefix-0}.
     */
    static List<String> tokens(URI url, String prefix, int count, Duration budget) throws InterruptedException {
        String[] tokens = new String[count];
        long deadline = System.nanoTime() + budget.toNanos();
        try (var pool = Executors.newFixedThreadPool(8)) {
            IntStream.range(0, count).forEach(i -> pool.submit(() -> {
                if (System.nanoTime() < deadline) tokens[i] = token(url, prefix + "-" + i, List.of());
                return null;
            }));
        }
        int minted = (int) Arrays.stream(tokens).takeWhile(Objects::nonNull).count();
        return List.copyOf(Arrays.asList(tokens).subList(0, minted));
    }

    static String token(URI url, String userId, List<String> roles) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("userId", userId, "roles", roles));
        var response = HTTP.send(HttpRequest.newBuilder(url.resolve("/v1/dev/tokens"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("no dev token (is " + url + " a local stack?): " + response.body());
        }
        return JSON.readTree(response.body()).get("token").asText();
    }

    /** {@code PUT path} as the admin; answers the body, or fails unless the thing was created. */
    static JsonNode create(URI url, String admin, String path, Map<String, Object> body)
            throws IOException, InterruptedException {
        var response = HTTP.send(HttpRequest.newBuilder(url.resolve(path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) throw new IOException("cannot create " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** {@code POST path} with a JSON body and a bearer token; answers the body of a 2xx. */
    static JsonNode post(URI url, String token, String path, Map<String, Object> body)
            throws IOException, InterruptedException {
        var response = HTTP.send(HttpRequest.newBuilder(url.resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) throw new IOException("POST " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** {@code GET path} with a bearer token; answers the body of a 200. */
    static JsonNode get(URI url, String token, String path) throws IOException, InterruptedException {
        var response = HTTP.send(HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException("GET " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }
}
