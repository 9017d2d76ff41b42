package dev.rushgate.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A vote rush, the whole stack SIGKILLed under it, a restart on the same data. Clients left without an answer vote
 * again with their Idempotency-Key (answered with the first vote's id if it was taken), so in the end every client who
 * took part was told 202 once; each option's persisted count must then equal its 202s, no more, no less.
 */
final class VotesSigkill implements Scenario {
    private static final String ADMIN = "admin-chaos";
    private static final List<String> OPTIONS = List.of("a", "b", "c", "d");

    @Override
    public String name() {
        return "votes-sigkill";
    }

    @Override
    public Row run(Run run) throws Exception {
        int users = run.quick() ? 1_500 : 8_000;
        Duration killAfter = Duration.ofMillis(run.quick() ? 1_500 : 2_500);
        String pollId = "chaos-poll";
        String path = "/v1/polls/" + pollId + "/votes";
        try (Crash crash = new Crash(run, name(), run.stackArgs())) {
            Api api = new Api(crash.start().url());
            api.ok("PUT", "/v1/admin/polls/" + pollId, ADMIN, Map.of("question", "Chaos?",
                    "options", OPTIONS.stream().map(id -> Map.of("id", id, "label", id)).toList(),
                    "opensAt", Instant.now().minusSeconds(1).toString(),
                    "closesAt", Instant.now().plusSeconds(3600).toString()));
            List<String> clients = IntStream.range(0, users).mapToObj(i -> "voter-" + i).toList();
            api.mint(clients);
            Ledger ledger = new Ledger();
            Crowd.Journey vote = voter -> vote(api, ledger, path, voter);
            crash.killAndRestart(Crowd.start(clients, 32, vote), killAfter, api);
            for (int attempt = 0; attempt < 3 && !ledger.unanswered().isEmpty(); attempt++) {
                Crowd.start(ledger.unanswered(), 16, vote).join();
            }
            Map<String, Long> expected = new HashMap<>();
            ledger.told(202).forEach(t -> expected.merge(option(t.client()), 1L, Long::sum));
            long acknowledged = expected.values().stream().mapToLong(Long::longValue).sum();

            Duration recovered = null;
            JsonNode tally = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(run.quick() ? 45 : 240).toNanos();
            while (System.nanoTime() < deadline) {
                tally = api.get("/v1/polls/" + pollId + "/tally", ADMIN);
                if (tally.path("persisted").asLong() >= acknowledged) {
                    recovered = Duration.between(crash.killedAt(), Instant.now());
                    break;
                }
                Thread.sleep(250);
            }
            Thread.sleep(2_000); // a late duplicate would be counted now
            tally = api.get("/v1/polls/" + pollId + "/tally", ADMIN);
            long lost = 0;
            long duplicated = 0;
            for (JsonNode o : tally.path("options")) {
                long want = expected.getOrDefault(o.path("id").asText(), 0L);
                long persisted = o.path("persisted").asLong();
                lost += Math.max(0, want - persisted);
                duplicated += Math.max(0, persisted - want);
            }
            JsonNode rebuild = api.ok("POST", "/v1/admin/polls/" + pollId + "/rebuild", ADMIN, null);
            String note = String.format(Locale.ROOT, "%,d voters; SIGKILL %.1f s in, %,d sent before it; tally "
                            + "accepted %,d, persisted %,d; rebuild from DynamoDB: %,d stored, consistent %s", users,
                    killAfter.toMillis() / 1000.0, ledger.all().size(), tally.path("accepted").asLong(),
                    tally.path("persisted").asLong(), rebuild.path("storedVotes").asLong(),
                    rebuild.path("consistent").asBoolean());
            if (!rebuild.path("consistent").asBoolean()) duplicated += rebuild.path("differences").size();
            return new Row(name(), ledger.requests(), acknowledged, tally.path("persisted").asLong(), lost, duplicated,
                    0, recovered, note);
        }
    }

    static String option(String voter) {
        return OPTIONS.get(Integer.parseInt(voter.substring(voter.lastIndexOf('-') + 1)) % OPTIONS.size());
    }

    static void vote(Api api, Ledger ledger, String path, String voter) throws InterruptedException {
        try {
            Api.Answer a = api.send("POST", path, voter, Map.of("optionId", option(voter)), "chaos-" + voter);
            ledger.record(voter, a.status(), a.text("voteId"), a.text("code"));
        } catch (IOException noAnswer) {
            ledger.record(voter, Ledger.NO_ANSWER, null, noAnswer.toString());
        }
    }
}
