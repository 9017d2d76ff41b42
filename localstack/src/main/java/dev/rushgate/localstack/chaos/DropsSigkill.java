package dev.rushgate.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A drop rush, the whole stack SIGKILLed under it, a restart on the same data. Every claimId a client was told
 * ACCEPTED must be stored once; no user holds more than the per-user limit; nothing beyond the stock.
 * Clients left without an answer retry with their Idempotency-Key after the restart, as real ones would.
 */
final class DropsSigkill implements Scenario {
    private static final String ADMIN = "admin-chaos";

    @Override
    public String name() {
        return "drops-sigkill";
    }

    @Override
    public Row run(Run run) throws Exception {
        int users = run.quick() ? 800 : 4_000;
        int stock = run.quick() ? 500 : 2_500;
        Duration killAfter = Duration.ofMillis(run.quick() ? 1_500 : 2_500);
        String dropId = "chaos-drop";
        String path = "/v1/drops/" + dropId + "/claims";
        try (Crash crash = new Crash(run, name(), run.stackArgs())) {
            Api api = new Api(crash.start().url());
            api.ok("PUT", "/v1/admin/drops/" + dropId, ADMIN, Map.of("name", "Chaos", "stock", stock,
                    "perUserLimit", 1, "opensAt", Instant.now().minusSeconds(1).toString()));
            List<String> clients = IntStream.range(0, users).mapToObj(i -> "user-" + i).toList();
            api.mint(clients);
            Ledger ledger = new Ledger();
            Crowd.Journey claim = user -> claim(api, ledger, path, user);
            Crowd crowd = Crowd.start(clients, 32, claim);
            crash.killAndRestart(crowd, killAfter, api);
            // clients that heard nothing retry with the same key: the first answer, or a fresh decision
            int retried = ledger.unanswered().size();
            for (int attempt = 0; attempt < 3 && !ledger.unanswered().isEmpty(); attempt++) {
                Crowd retry = Crowd.start(ledger.unanswered(), 16, claim);
                retry.join();
            }
            Set<String> acknowledged = new HashSet<>();
            ledger.told(202).forEach(t -> acknowledged.add(t.id()));

            Duration recovered = null;
            List<JsonNode> stored = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(run.quick() ? 45 : 240).toNanos();
            while (System.nanoTime() < deadline) {
                stored = api.all("/v1/admin/drops/" + dropId + "/claims", ADMIN);
                Set<String> ids = new HashSet<>();
                stored.forEach(c -> ids.add(c.path("claimId").asText()));
                if (ids.containsAll(acknowledged)) {
                    recovered = Duration.between(crash.killedAt(), Instant.now());
                    break;
                }
                Thread.sleep(500);
            }
            Thread.sleep(2_000); // late copies, if any, would land now
            stored = api.all("/v1/admin/drops/" + dropId + "/claims", ADMIN);
            long confirmed = api.get("/v1/drops/" + dropId, ADMIN).path("confirmed").asLong();

            Map<String, Integer> byClaim = new HashMap<>();
            Map<String, Integer> byUser = new HashMap<>();
            for (JsonNode c : stored) {
                byClaim.merge(c.path("claimId").asText(), 1, Integer::sum);
                byUser.merge(c.path("userId").asText(), 1, Integer::sum);
            }
            long lost = acknowledged.stream().filter(id -> !byClaim.containsKey(id)).count();
            long duplicated = byClaim.values().stream().mapToLong(n -> n - 1).sum()
                    + byUser.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum()
                    + Math.abs(confirmed - stored.size());
            long oversold = Math.max(0, Math.max(byClaim.size(), confirmed) - stock);
            String note = String.format(Locale.ROOT, "stock %,d, %,d users; SIGKILL %.1f s in, %,d without an answer "
                            + "retried; confirmed %,d, listed %,d (%,d stored without an acknowledgement)", stock, users,
                    killAfter.toMillis() / 1000.0, retried, confirmed, stored.size(),
                    byClaim.keySet().stream().filter(id -> !acknowledged.contains(id)).count());
            return new Row(name(), ledger.requests(), acknowledged.size(), byClaim.size(), lost, duplicated, oversold,
                    recovered, note);
        }
    }

    static void claim(Api api, Ledger ledger, String path, String user) throws InterruptedException {
        try {
            Api.Answer a = api.send("POST", path, user, null, "chaos-" + user);
            ledger.record(user, a.status(), a.text("claimId"), a.text("code"));
        } catch (IOException noAnswer) {
            ledger.record(user, Ledger.NO_ANSWER, null, noAnswer.toString());
        }
    }
}
