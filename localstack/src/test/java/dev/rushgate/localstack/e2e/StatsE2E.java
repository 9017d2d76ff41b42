package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Owner statistics on the real stack (issue 20, item 3): a small rush on a drop and a poll that name an owner, rolled
 * up by the stack's own schedule (roll-up-statistics), read back as JSON and as CSV by the owner and an admin, with
 * numbers that match the answers the callers got; anyone else is refused.
 */
@ExtendWith(SharedStack.class)
class StatsE2E {

    private static Api api;
    private static String admin;
    private static String ownerId;
    private static String owner;
    private static String stranger;

    @BeforeAll
    static void setUp() {
        api = SharedStack.api();
        admin = api.token("stats-admin", "admin");
        ownerId = id("owner");
        owner = api.token(ownerId);
        stranger = api.token(id("stranger"));
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The statistics once the roll-up has caught up with what {@code done} expects of them. */
    private static Api.Answer statsOnceRolledUp(String path, java.util.function.Predicate<JsonNode> done) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get(path, owner), a -> a.status() == 200 && done.test(a.body()));
    }

    private static long stage(JsonNode stats, String name) {
        for (JsonNode stage : stats.get("funnel")) {
            if (stage.get("stage").asText().equals(name)) return stage.get("count").asLong();
        }
        throw new AssertionError("no stage " + name + " in " + stats);
    }

    @Test
    void aDropsOwnerReadsItsRush_soldOutRefusalsFromMemoryIncluded_andNobodyElseDoes() throws Exception {
        // given a drop of 2 that names its owner
        String dropId = id("stats");
        Api.Answer put = api.put("/v1/admin/drops/" + dropId, admin, Api.json(Map.of("name", "Coupon", "stock", 2,
                "perUserLimit", 1, "opensAt", Instant.now().minusSeconds(1).toString(), "ownerId", ownerId)));
        assertThat(put.status()).as(put.raw()).isEqualTo(201);
        assertThat(put.body().get("ownerId").asText()).isEqualTo(ownerId);
        assertThat(api.get("/v1/drops/" + dropId, owner).body().get("ownerId").asText()).isEqualTo(ownerId);
        assertThat(api.get("/v1/drops/" + dropId, stranger).body().has("ownerId")).isFalse();

        // when 5 users claim (2 accepted, 3 sold out, some of those from an environment's memory), and once that
        // memory has lapsed a sixth claim carries them to the counters
        List<String> claimers = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            String user = dropId + "-u" + i;
            claimers.add(user);
            int status = api.post("/v1/drops/" + dropId + "/claims", api.token(user), null).status();
            if (status == 202) accepted++;
            if (status == 409) refused++;
        }
        Thread.sleep(1_100);
        String late = dropId + "-late";
        assertThat(api.post("/v1/drops/" + dropId + "/claims", api.token(late), null).status()).isEqualTo(409);
        refused++;

        // then the owner reads every answer, and the claims stored once the consumer has stored them
        String path = "/v1/stats/drop/" + dropId;
        JsonNode stats = statsOnceRolledUp(path, s -> stage(s, "confirmed") == 2
                && s.get("totals").path("sold-out").asLong() == 4).body();
        assertThat(accepted).isEqualTo(2);
        assertThat(refused).isEqualTo(4);
        assertThat(stats.get("ownerId").asText()).isEqualTo(ownerId);
        assertThat(stats.get("totals").properties()).hasSize(2);
        assertThat(stats.get("totals").get("accepted").asLong()).isEqualTo(2);
        assertThat(stage(stats, "requests")).isEqualTo(6);
        assertThat(stage(stats, "claimed")).isEqualTo(2);
        assertThat(stats.get("refusals").get("sold-out").asLong()).isEqualTo(4);
        long perMinute = 0;
        for (JsonNode minute : stats.get("minutes")) perMinute += minute.get("counts").path("accepted").asLong();
        assertThat(perMinute).isEqualTo(2);
        // refusals decided by the script are counted per user; those answered from memory are not (docs/statistics.md)
        claimers.add(late);
        long perUser = 0;
        for (JsonNode user : stats.get("refusedUsers")) {
            assertThat(user.get("userId").asText()).isIn(claimers);
            perUser += user.get("refusals").asLong();
        }
        assertThat(stats.get("refusedUsers")).anySatisfy(u -> {
            assertThat(u.get("userId").asText()).isEqualTo(late);
            assertThat(u.get("refusals").asLong()).isEqualTo(1);
        });
        assertThat(perUser).isBetween(1L, 4L);

        // and an admin reads the same, a stranger nothing
        assertThat(api.get(path, admin).body().get("totals")).isEqualTo(stats.get("totals"));
        Api.Answer refusedToStranger = api.get(path, stranger);
        assertThat(refusedToStranger.status()).isEqualTo(403);
        assertThat(refusedToStranger.code()).isEqualTo("forbidden");
    }

    @Test
    void aPollsOwnerReadsItsVotes_asJsonAndAsCsv() {
        // given a poll that names its owner
        String pollId = id("stats-poll");
        Api.Answer put = api.put("/v1/admin/polls/" + pollId, admin, Api.json(Map.of("question", "Which?",
                "options", List.of(Map.of("id", "a", "label", "A"), Map.of("id", "b", "label", "B")),
                "opensAt", Instant.now().minusSeconds(1).toString(),
                "closesAt", Instant.now().plusSeconds(3600).toString(), "ownerId", ownerId)));
        assertThat(put.status()).as(put.raw()).isEqualTo(201);
        assertThat(put.body().get("ownerId").asText()).isEqualTo(ownerId);

        // when 3 users vote, and the first two vote again
        String[] voters = {pollId + "-u0", pollId + "-u1", pollId + "-u2"};
        for (String voter : voters) {
            Api.Answer vote = api.post("/v1/polls/" + pollId + "/votes", api.token(voter), "{\"optionId\":\"a\"}");
            assertThat(vote.status()).as(vote.raw()).isEqualTo(202);
        }
        for (int i = 0; i < 2; i++) {
            Api.Answer again = api.post("/v1/polls/" + pollId + "/votes", api.token(voters[i]), "{\"optionId\":\"b\"}");
            assertThat(again.code()).isEqualTo("already-voted");
        }

        // then the JSON counts each answer once, and the votes the consumer persisted
        String path = "/v1/stats/poll/" + pollId;
        JsonNode stats = statsOnceRolledUp(path, s -> stage(s, "counted") == 3
                && s.get("totals").path("already-voted").asLong() == 2).body();
        assertThat(stats.get("totals").get("accepted").asLong()).isEqualTo(3);
        assertThat(stage(stats, "requests")).isEqualTo(5);
        assertThat(stage(stats, "voted")).isEqualTo(3);
        assertThat(stats.get("refusedUsers")).hasSize(2);
        assertThat(stats.get("refusedUsers").findValuesAsText("userId")).containsExactly(voters[0], voters[1]);
        assertThat(stats.get("complete").asBoolean()).isTrue();

        // and the CSV holds the same numbers, one a row
        Api.Answer csv = api.send("GET", path, owner, null, Map.of("Accept", "text/csv"));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> rows = csv.raw().lines().toList();
        assertThat(rows.getFirst()).isEqualTo("section,minute,name,count");
        assertThat(rows).contains("total,,accepted,3", "total,,already-voted,2", "funnel,,requests,5",
                "funnel,,voted,3", "funnel,,counted,3", "refusal,,already-voted,2",
                "refused-user,," + voters[0] + ",1", "refused-user,," + voters[1] + ",1");
        long perMinute = rows.stream().filter(r -> r.startsWith("minute,") && r.contains(",accepted,"))
                .mapToLong(r -> Long.parseLong(r.substring(r.lastIndexOf(',') + 1))).sum();
        assertThat(perMinute).isEqualTo(3);
        assertThat(api.send("GET", path, stranger, null, Map.of("Accept", "text/csv")).status()).isEqualTo(403);
    }
}
