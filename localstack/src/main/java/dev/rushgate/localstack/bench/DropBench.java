package dev.rushgate.localstack.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./rushgate bench drop}: claims against a drop of 100, 100,000 claims for 100 coupons, and claims
 * that are all accepted, next to the health ceiling; then how soon the accepted claims were stored.
 */
final class DropBench {
    /** Issue 17: claims that are all accepted, each an SQS send and a stored claim, a second. */
    private static final int TARGET_ACCEPTED_PER_SECOND = 3_000;

    private DropBench() {}

    static void run(URI url, Bench.Options o, StackProcess stack) throws Exception {
        String admin = Bench.token(url, "bench-admin", List.of("admin"));
        List<String> users = Bench.tokens(url, "bench-user", o.users(), Duration.ofMinutes(10));
        System.out.printf(Locale.ROOT, "Rushgate bench: drop — %d connections, %d s per phase, %d users; %s%n%n",
                o.connections(), o.seconds(), users.size(), Bench.machine());

        List<byte[]> health = Bench.health(url);
        Duration phase = Duration.ofSeconds(o.seconds());
        // JIT warm-up of every measured path, not reported: claims accepted (each one sent to the queue; its
        // backlog is drained first, so the consumer is idle during what is measured), health, and claims
        // refused (a drop that sells out at once, as in a rush)
        String warmAccepted = drop(url, admin, 1_000_000, 1_000);
        Load.Result warmed = Load.run("warm-up", url, claims(url, warmAccepted, users), o.connections(),
                Duration.ofSeconds(2), Long.MAX_VALUE);
        awaitConfirmed(url, admin, warmAccepted, warmed.count(202), Instant.now());
        Load.run("warm-up", url, health, o.connections(), Duration.ofSeconds(4), Long.MAX_VALUE);
        Load.run("warm-up", url, claims(url, drop(url, admin, 100, 1), users), o.connections(), Duration.ofSeconds(4),
                Long.MAX_VALUE);

        Load.Result ceiling = Load.run("GET /v1/health (ceiling)", url, health, o.connections(), phase, Long.MAX_VALUE);
        String rushDrop = drop(url, admin, 100, 1);
        Load.Result rush = Load.run("POST claims, drop of 100", url, claims(url, rushDrop, users), o.connections(),
                phase, Long.MAX_VALUE);
        awaitConfirmed(url, admin, rushDrop, 100, Instant.now());

        String hundred = drop(url, admin, 100, 1);
        long redisBefore = redisCommands(stack);
        Instant rushStart = Instant.now();
        Load.Result cleared = Load.run(String.format(Locale.ROOT, "%,d claims for 100 coupons", o.rushClaims()), url,
                claims(url, hundred, users), o.connections(), Duration.ofMinutes(5), o.rushClaims());
        long redisDuringRush = redisCommands(stack) - redisBefore;
        Duration confirmedAfter = awaitConfirmed(url, admin, hundred, 100, rushStart);

        String openDrop = drop(url, admin, 10_000_000, 1_000);
        CpuBudget budget = CpuBudget.start(stack, Duration.ofSeconds(2));
        Load.Result accepted = Load.run("POST claims, every one accepted", url, claims(url, openDrop, users),
                o.connections(), phase, Long.MAX_VALUE);
        Instant drainStart = Instant.now();
        Duration drained = awaitConfirmed(url, admin, openDrop, accepted.count(202), drainStart);
        CpuBudget.Spent spent = CpuBudget.stop(budget, accepted.count(202));

        Bench.printTable(List.of(ceiling, rush, cleared, accepted));
        System.out.printf(Locale.ROOT, "claims/s ÷ health ceiling, drop of 100:      %.2f%n", rush.perSecond() / ceiling.perSecond());
        System.out.printf(Locale.ROOT, "claims/s ÷ health ceiling, all accepted:     %.2f%n", accepted.perSecond() / ceiling.perSecond());
        System.out.printf(Locale.ROOT, "%,d claims for 100 coupons: all answered in %.2f s (%d accepted); all 100 "
                + "CONFIRMED %.2f s after the first claim%n", cleared.requests(), cleared.elapsed().toMillis() / 1000.0,
                cleared.count(202), confirmedAfter.toMillis() / 1000.0);
        double wall = (accepted.elapsed().toMillis() + drained.toMillis()) / 1000.0;
        System.out.printf(Locale.ROOT, "all-accepted backlog of %,d stored %.2f s after the load stopped (%,.0f stored/s "
                + "over the phase and its drain)%n", accepted.count(202), drained.toMillis() / 1000.0, accepted.count(202) / wall);
        CpuBudget.print(spent, "accepted claim", "from its request to stored", TARGET_ACCEPTED_PER_SECOND);
        System.out.printf(Locale.ROOT, "accepted in the drop-of-100 phase: %d (must be 100)%n", rush.count(202));
        System.out.printf(Locale.ROOT, "Redis commands during the %,d-claim rush: %,d (%.3f a claim; refusals from "
                + "memory for %s ms)%n", cleared.requests(), redisDuringRush,
                redisDuringRush / (double) cleared.requests(), System.getenv().getOrDefault(
                        "RUSHGATE_REFUSAL_MEMORY_MS", "1000"));
        Bench.printStack(stack);
    }

    /** Every command the stack's Redis has run so far, from its own INFO commandstats (all cmdstat calls). */
    static long redisCommands(StackProcess stack) throws IOException, InterruptedException {
        var client = io.lettuce.core.RedisClient.create(stack.redis());
        try (var connection = client.connect()) {
            long calls = 0;
            for (String line : connection.sync().info("commandstats").split("\\r?\\n")) {
                if (line.startsWith("cmdstat_")) calls += Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+),.*$", "$1"));
            }
            return calls;
        } finally {
            client.shutdown();
        }
    }

    private static List<byte[]> claims(URI url, String dropId, List<String> users) {
        String path = "/v1/drops/" + dropId + "/claims";
        return users.stream().map(t -> RawRequests.request("POST", url, path, t)).toList();
    }

    private static String drop(URI url, String admin, int stock, int perUser) throws IOException, InterruptedException {
        String dropId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Bench.create(url, admin, "/v1/admin/drops/" + dropId, Map.of("name", "Bench", "stock", stock,
                "perUserLimit", perUser, "opensAt", Instant.now().minusSeconds(1).toString()));
        return dropId;
    }

    private static Duration awaitConfirmed(URI url, String admin, String dropId, long expected, Instant since)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (Bench.get(url, admin, "/v1/drops/" + dropId).get("confirmed").asLong() >= expected) {
                return Duration.between(since, Instant.now());
            }
            Thread.sleep(20);
        }
        throw new IOException("claims of " + dropId + " were not all confirmed within 180 s");
    }
}
