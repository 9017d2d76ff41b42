package dev.rushgate.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Faults injected from inside the stack through its dev-only control ({@code POST /v1/dev/faults/…}), during a rush:
 * <ul>
 *   <li>{@code store-claims-kill}: every claim of a drop is accepted; the claims consumer is killed while it handles a
 *       batch (its messages come back after the visibility timeout) and a new one starts. Every claimId told 202 must
 *       be stored once.</li>
 *   <li>{@code count-votes-kill}: a vote rush; the votes consumer is killed while it handles a batch (its offsets not
 *       committed, so the new one reads the batch again). Each option's persisted count must equal its 202s.</li>
 *   <li>{@code kafka-restart}: a vote rush; the broker is shut down and started again on its ports and log while
 *       votes are produced and consumed. The same check.</li>
 * </ul>
 */
final class InStackFault implements Scenario {

    /** Which fault. */
    enum Fault { STORE_CLAIMS_KILL, COUNT_VOTES_KILL, KAFKA_RESTART }

    private final Fault fault;

    InStackFault(Fault fault) {
        this.fault = fault;
    }

    @Override
    public String name() {
        return fault.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public Row run(Run run) throws Exception {
        try (Stack stack = Stack.start(run.path(name() + ".log"), Optional.empty(), run.stackArgs())) {
            Api api = new Api(stack.url());
            return fault == Fault.STORE_CLAIMS_KILL ? claims(api, run) : votes(api, run);
        }
    }

    private Row claims(Api api, Run run) throws Exception {
        int users = run.quick() ? 1_500 : 6_000;
        String dropId = "chaos-kill";
        Drops.create(api, dropId, users);
        List<String> clients = IntStream.range(0, users).mapToObj(i -> "user-" + i).toList();
        api.mint(clients);
        Ledger ledger = new Ledger();
        String path = "/v1/drops/" + dropId + "/claims";
        Crowd crowd = Crowd.start(clients, 32, u -> DropsSigkill.claim(api, ledger, path, u));
        Thread.sleep(700);
        Instant at = Instant.now();
        JsonNode killed = api.ok("POST", "/v1/dev/faults/consumer-kill", null, Map.of("functionId", "store-claims"));
        crowd.join();
        Set<String> acknowledged = new HashSet<>();
        ledger.told(202).forEach(t -> acknowledged.add(t.id()));
        Duration recovered = null;
        List<JsonNode> stored = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(run.quick() ? 60 : 240).toNanos();
        while (System.nanoTime() < deadline) {
            stored = Drops.stored(api, dropId);
            Set<String> ids = new HashSet<>();
            stored.forEach(c -> ids.add(c.path("claimId").asText()));
            if (ids.containsAll(acknowledged)) {
                recovered = Duration.between(at, Instant.now());
                break;
            }
            Thread.sleep(500);
        }
        Thread.sleep(2_000);
        stored = Drops.stored(api, dropId);
        long confirmed = api.get("/v1/drops/" + dropId, Drops.ADMIN).path("confirmed").asLong();
        Set<String> ids = new HashSet<>();
        stored.forEach(c -> ids.add(c.path("claimId").asText()));
        long lost = acknowledged.stream().filter(id -> !ids.contains(id)).count();
        long duplicated = Drops.duplicates(stored) + Math.abs(confirmed - stored.size());
        String note = String.format(Locale.ROOT, "%,d users claiming a drop of %,d; store-claims killed %s (waited %,d ms"
                        + " for a batch in hand), a new one %,d ms later; confirmed %,d, listed %,d", users, users,
                killed.path("midBatch").asBoolean() ? "mid-batch" : "WITH NO BATCH IN HAND",
                killed.path("waitedMs").asLong(), killed.path("restartedAfterMs").asLong(), confirmed, stored.size());
        if (!killed.path("midBatch").asBoolean()) note = Row.DID_NOT_COMPLETE + ": the kill found no batch; " + note;
        return new Row(name(), ledger.requests(), acknowledged.size(), ids.size(), lost, duplicated,
                Math.max(0, ids.size() - users), recovered, note);
    }

    private Row votes(Api api, Run run) throws Exception {
        int users = run.quick() ? 2_000 : 8_000;
        String pollId = "chaos-" + name();
        Votes.create(api, pollId);
        List<String> clients = IntStream.range(0, users).mapToObj(i -> "voter-" + i).toList();
        api.mint(clients);
        Ledger ledger = new Ledger();
        String path = "/v1/polls/" + pollId + "/votes";
        Crowd crowd = Crowd.start(clients, 32, v -> VotesSigkill.vote(api, ledger, path, v));
        Thread.sleep(700);
        Instant at = Instant.now();
        JsonNode done = fault == Fault.COUNT_VOTES_KILL
                ? api.ok("POST", "/v1/dev/faults/consumer-kill", null, Map.of("functionId", "count-votes"))
                : api.ok("POST", "/v1/dev/faults/kafka-restart", null, null);
        crowd.join();
        // voters left without an answer (none expected: the fault is inside the stack) vote again with their key
        for (int attempt = 0; attempt < 3 && !ledger.unanswered().isEmpty(); attempt++) {
            Crowd.start(ledger.unanswered(), 16, v -> VotesSigkill.vote(api, ledger, path, v)).join();
        }
        Votes.Checked checked = Votes.check(api, pollId, ledger, at, Duration.ofSeconds(run.quick() ? 60 : 240));
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        ledger.all().values().forEach(t -> statuses.merge(t.status(), 1, Integer::sum));
        String what = fault == Fault.COUNT_VOTES_KILL
                ? String.format(Locale.ROOT, "count-votes killed %s (waited %,d ms for a batch in hand), a new one "
                        + "%,d ms later", done.path("midBatch").asBoolean() ? "mid-batch" : "WITH NO BATCH IN HAND",
                done.path("waitedMs").asLong(), done.path("restartedAfterMs").asLong())
                : String.format(Locale.ROOT, "the Kafka broker restarted, down %,d ms", done.path("downMs").asLong());
        String note = String.format(Locale.ROOT, "%,d voters; %s; answers %s; %s", users, what, statuses,
                checked.note());
        if (fault == Fault.COUNT_VOTES_KILL && !done.path("midBatch").asBoolean()) {
            note = Row.DID_NOT_COMPLETE + ": the kill found no batch; " + note;
        }
        return new Row(name(), ledger.requests(), checked.acknowledged(), checked.persisted(), checked.lost(),
                checked.duplicated(), 0, checked.recovered(), note);
    }
}
