package dev.rushgate.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A poll as the scenarios without a crash use it: made, voted in, and checked against what was stored. */
final class Votes {
    static final String ADMIN = "admin-chaos";
    static final List<String> OPTIONS = List.of("a", "b", "c", "d");

    private Votes() {}

    static void create(Api api, String pollId) throws IOException, InterruptedException {
        api.ok("PUT", "/v1/admin/polls/" + pollId, ADMIN, Map.of("question", "Chaos?",
                "options", OPTIONS.stream().map(id -> Map.of("id", id, "label", id)).toList(),
                "opensAt", Instant.now().minusSeconds(1).toString(),
                "closesAt", Instant.now().plusSeconds(3600).toString()));
    }

    /** What the stored votes show against what voters were told. */
    record Checked(long acknowledged, long persisted, long lost, long duplicated, Duration recovered, String note) {}

    /**
     * Waits (bounded) until the poll's persisted count reaches the 202s, then compares each option's persisted count
     * with its 202s and asks for a rebuild from DynamoDB, which must find PostgreSQL consistent.
     */
    static Checked check(Api api, String pollId, Ledger ledger, Instant fault, Duration limit)
            throws IOException, InterruptedException {
        Map<String, Long> expected = new HashMap<>();
        ledger.told(202).forEach(t -> expected.merge(VotesSigkill.option(t.client()), 1L, Long::sum));
        long acknowledged = expected.values().stream().mapToLong(Long::longValue).sum();
        Duration recovered = null;
        long deadline = System.nanoTime() + limit.toNanos();
        JsonNode tally = api.get("/v1/polls/" + pollId + "/tally", ADMIN);
        while (System.nanoTime() < deadline) {
            tally = api.get("/v1/polls/" + pollId + "/tally", ADMIN);
            if (tally.path("persisted").asLong() >= acknowledged) {
                recovered = Duration.between(fault, Instant.now());
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
        if (!rebuild.path("consistent").asBoolean()) duplicated += rebuild.path("differences").size();
        String note = String.format(java.util.Locale.ROOT, "tally accepted %,d, persisted %,d; rebuild from "
                        + "DynamoDB: %,d stored, consistent %s", tally.path("accepted").asLong(),
                tally.path("persisted").asLong(), rebuild.path("storedVotes").asLong(),
                rebuild.path("consistent").asBoolean());
        return new Checked(acknowledged, tally.path("persisted").asLong(), lost, duplicated, recovered, note);
    }
}
