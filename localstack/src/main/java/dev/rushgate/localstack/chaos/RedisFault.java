package dev.rushgate.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Redis flushed or restarted mid-rush. A drop rush with more users than stock; after a moment the stack's Redis is
 * either flushed (a FLUSHALL: an operator's mistake, or a cache that fails over or restarts empty) or its process is
 * SIGKILLed on a stack with {@code --data} (the stack starts it again from its append-only file, as ElastiCache
 * replaces a node). The stock, its holders and its idempotency keys live in Redis: after a flush a drop rebuilt with a
 * count of 0 would sell everything again, so it must wait (503 {@code recovering}) until every claim accepted before
 * the flush is stored, and go on from the stored claims. Clients retry a 503 or any 5xx with their
 * {@code Idempotency-Key}, as a real client would. At the end every client told 202 sends its request again with its
 * key and must get the same claim back.
 */
final class RedisFault implements Scenario {
    private static final int MOST_RETRIES = 60;

    /** What happens to Redis. */
    enum Fault { FLUSH, RESTART }

    private final Fault fault;

    RedisFault(Fault fault) {
        this.fault = fault;
    }

    @Override
    public String name() {
        return fault == Fault.FLUSH ? "redis-flush" : "redis-restart";
    }

    @Override
    public Row run(Run run) throws Exception {
        int users = run.quick() ? 800 : 4_000;
        int stock = run.quick() ? 500 : 2_500;
        Duration flushAfter = Duration.ofMillis(run.quick() ? 1_000 : 2_000);
        String dropId = "chaos-flush";
        String path = "/v1/drops/" + dropId + "/claims";
        Optional<Path> data = fault == Fault.RESTART ? Optional.of(run.path(name() + "-data")) : Optional.empty();
        try (Stack stack = Stack.start(run.path(name() + ".log"), data, run.stackArgs());
             RedisClient redis = RedisClient.create(stack.redis());
             var connection = redis.connect()) {
            Api api = new Api(stack.url());
            Drops.create(api, dropId, stock);
            List<String> clients = IntStream.range(0, users).mapToObj(i -> "user-" + i).toList();
            api.mint(clients);
            Ledger ledger = new Ledger();
            Map<String, Integer> recovering = new java.util.concurrent.ConcurrentHashMap<>();
            Crowd crowd = Crowd.start(clients, 32, user -> claim(api, ledger, path, user, recovering));
            Thread.sleep(flushAfter.toMillis());
            int before = ledger.told(202).size();
            Instant flushed = inject(fault, connection, data);
            crowd.join();
            String restartedIn = restartedIn(fault, stack);

            Set<String> acknowledged = new HashSet<>();
            ledger.told(202).forEach(t -> acknowledged.add(t.id()));
            Duration recovered = null;
            List<JsonNode> stored = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(run.quick() ? 45 : 240).toNanos();
            while (System.nanoTime() < deadline) {
                stored = Drops.stored(api, dropId);
                Set<String> ids = new HashSet<>();
                stored.forEach(c -> ids.add(c.path("claimId").asText()));
                if (ids.containsAll(acknowledged)) {
                    recovered = Duration.between(flushed, Instant.now());
                    break;
                }
                Thread.sleep(250);
            }
            // every client told 202 asks again with its key: the same claim, never a second one or a refusal
            long replaysDiffering = 0;
            for (Ledger.Told t : ledger.told(202)) {
                Api.Answer again = api.send("POST", path, t.client(), null, "chaos-" + t.client());
                if (again.status() != 202 || !t.id().equals(again.text("claimId"))) replaysDiffering++;
            }
            Thread.sleep(2_000); // late copies, if any, would land now
            stored = Drops.stored(api, dropId);
            long confirmed = api.get("/v1/drops/" + dropId, Drops.ADMIN).path("confirmed").asLong();
            Map<String, Integer> byClaim = new HashMap<>();
            stored.forEach(c -> byClaim.merge(c.path("claimId").asText(), 1, Integer::sum));
            long lost = acknowledged.stream().filter(id -> !byClaim.containsKey(id)).count();
            long duplicated = Drops.duplicates(stored) + Math.abs(confirmed - stored.size()) + replaysDiffering;
            long oversold = Math.max(0, Math.max(byClaim.size(), confirmed) - stock);
            String note = String.format(Locale.ROOT, "stock %,d, %,d users; %s %.1f s in, after %,d accepted; "
                            + "%,d clients told 503 or 5xx (%,d times in all) and retried; %,d accepted in all, %,d "
                            + "sold out; %,d replays with the key answered differently; confirmed %,d, listed %,d%s",
                    stock, users, fault == Fault.FLUSH ? "FLUSHALL" : "Redis SIGKILLed (on --data)",
                    flushAfter.toMillis() / 1000.0, before, recovering.size(),
                    recovering.values().stream().mapToInt(Integer::intValue).sum(), acknowledged.size(),
                    ledger.told(409).size(), replaysDiffering, confirmed, stored.size(),
                    restartedIn == null ? "" : "; the stack started Redis again in " + restartedIn + " ms");
            return new Row(name(), ledger.requests(), acknowledged.size(), byClaim.size(), lost, duplicated, oversold,
                    recovered, note);
        }
    }

    /** Flushes the stack's Redis, or SIGKILLs it on {@code data} (the stack starts it again); returns when. */
    static Instant inject(Fault fault, StatefulRedisConnection<String, String> connection, Optional<Path> data)
            throws IOException {
        Instant at = Instant.now();
        if (fault == Fault.FLUSH) {
            connection.sync().flushall();
        } else {
            long pid = Long.parseLong(Files.readString(data.orElseThrow().resolve("redis/redis.pid")).strip());
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        }
        return at;
    }

    /** After a restart, how fast the stack says it started Redis again (proof that the fault happened); else null. */
    static String restartedIn(Fault fault, Stack stack) throws IOException, InterruptedException {
        return fault == Fault.RESTART ? stack.printed("started it again in (\\d+) ms") : null;
    }

    /** One client's claim, retried with its key while the answer is a 5xx (a 503 asks for it with Retry-After). */
    private static void claim(Api api, Ledger ledger, String path, String user, Map<String, Integer> recovering)
            throws InterruptedException {
        for (int attempt = 0; attempt <= MOST_RETRIES; attempt++) {
            try {
                Api.Answer a = api.send("POST", path, user, null, "chaos-" + user);
                ledger.record(user, a.status(), a.text("claimId"), a.text("code"));
                if (a.status() < 500) return;
                recovering.merge(user, 1, Integer::sum);
            } catch (IOException noAnswer) {
                ledger.record(user, Ledger.NO_ANSWER, null, noAnswer.toString());
            }
            Thread.sleep(1_000);
        }
    }
}
