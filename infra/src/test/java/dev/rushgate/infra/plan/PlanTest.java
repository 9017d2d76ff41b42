package dev.rushgate.infra.plan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.infra.plan.Planner.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The planner over the shipped catalog and call model, without pricing the idle month (no synthesis). */
class PlanTest {

    private static final Catalog CATALOG = Catalog.standard();
    private static final CallModel MODEL = CallModel.standard();

    private static Plan plan(Rush rush) {
        return Plan.of(rush, CATALOG, MODEL, null);
    }

    private static Rush drop(long users, int window, long stock) {
        return new Rush("drops", users, window, stock, null, null, 2, 0, 0, 0, true);
    }

    private static Row row(Plan plan, String component) {
        return plan.rows().stream().filter(r -> r.component().equals(component)).findFirst().orElseThrow(
                () -> new AssertionError("no row " + component + " in " + plan.rows().stream().map(Row::component).toList()));
    }

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PlanCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMillionClaimsInAMinuteBreakTheAccountsApiQuotaAtOnce() {
        Plan plan = plan(drop(1_000_000, 60, 100));

        Row api = row(plan, "API Gateway (account)");
        assertThat(api.peak()).isCloseTo(1_000_000 / 60.0 + 100, within(1.0)); // claims, and the winners' look
        assertThat(api.limit().quota().code()).isEqualTo("L-8A5B8E43");
        assertThat(api.runsOutAt()).isZero();
        assertThat(plan.holds()).isFalse();
        assertThat(plan.binding()).get().extracting(Row::runsOutAt).isEqualTo(0);
        assertThat(plan.raise()).anyMatch(line -> line.contains("\"Throttle rate\" (L-8A5B8E43) of at least 21,000"));
        // only the 100 winners are stored
        assertThat(row(plan, "DynamoDB claims writes").peak()).isLessThanOrEqualTo(100 * 2.0 + 1e-9);
    }

    @Test
    void aSmallDropHoldsAndExitsZero() {
        Run run = run("--feature", "drops", "--users", "10000", "--window", "1m", "--stock", "100", "--no-idle");

        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Holds: every component stays under its limit.")
                .contains("Cost of the rush").doesNotContain("Cost of a month idle");
    }

    @Test
    void signInsAreBilledOnlyWhenTheStacksOwnUserPoolSignsPeopleIn() {
        String[] args = {"--feature", "votes", "--users", "40000", "--window", "60s", "--no-idle"};
        String own = run(args).out();
        String external = run(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--jwt-issuer")).toArray(String[]::new)).out();

        assertThat(own).containsPattern("Cognito monthly active users \\(the stack's user pool\\) +30,000 users +\\$450");
        assertThat(external).doesNotContain("Cognito");
    }

    @Test
    void anAccountsOwnQuotasReplaceTheDefaults(@TempDir Path dir) throws IOException {
        Path quotas = dir.resolve("quotas.json");
        Files.writeString(quotas, "{\"L-8A5B8E43\": 50000, \"elasticache.serverless-slot-ecpu\": 90000}");

        Run before = run("--feature", "drops", "--users", "1000000", "--window", "60s", "--stock", "100", "--no-idle",
                "--json");
        Run after = run("--feature", "drops", "--users", "1000000", "--window", "60s", "--stock", "100", "--no-idle",
                "--json", "--quotas", quotas.toString());

        JsonNode b = new ObjectMapper().readTree(before.out());
        JsonNode a = new ObjectMapper().readTree(after.out());
        assertThat(rowJson(b, "API Gateway (account)").path("runsOutAt").isNull()).isFalse();
        assertThat(rowJson(a, "API Gateway (account)").path("limit").asDouble()).isEqualTo(50_000);
        assertThat(rowJson(a, "API Gateway (account)").path("runsOutAt").isNull()).isTrue();
        assertThat(rowJson(a, "API Gateway (account)").path("quotaCode").asText()).isEqualTo("L-8A5B8E43");
        // the route's own guard rail still binds: a CI gate keeps failing until the context is raised too
        assertThat(a.path("holds").asBoolean()).isFalse();
        assertThat(after.status()).isEqualTo(2);
        assertThat(a.path("binding").asText()).isEqualTo("API route claim-drop");
    }

    @Test
    void theDeployedContextRaisesRushgatesOwnLimits() throws IOException {
        String[] rush = {"--feature", "drops", "--users", "600000", "--window", "60s", "--stock", "100", "--no-idle",
                "--json", "--jwt-issuer"};
        JsonNode defaults = new ObjectMapper().readTree(run(rush).out());
        JsonNode raised = new ObjectMapper().readTree(run(java.util.stream.Stream.concat(java.util.Arrays.stream(rush),
                java.util.stream.Stream.of("-c", "throttle.claim-drop=12000/6000", "-c", "cacheMinimumEcpu=250000"))
                .toArray(String[]::new)).out());

        assertThat(rowJson(defaults, "API route claim-drop").path("limit").asDouble()).isEqualTo(5_000);
        assertThat(rowJson(defaults, "API route claim-drop").path("runsOutAt").isNull()).isFalse();
        assertThat(rowJson(raised, "API route claim-drop").path("limit").asDouble()).isEqualTo(12_000);
        assertThat(rowJson(raised, "API route claim-drop").path("runsOutAt").isNull()).isTrue();
        assertThat(rowJson(raised, "ElastiCache scaling from idle").path("runsOutAt").isNull()).isTrue();
        assertThat(run("--feature", "drops", "--users", "10", "--window", "60s", "--stock", "1", "--no-idle",
                "-c", "throttle.no-such-route=1/1").status()).isEqualTo(64);
    }

    private static JsonNode rowJson(JsonNode plan, String component) {
        for (JsonNode row : plan.path("rows")) if (row.path("component").asText().equals(component)) return row;
        throw new AssertionError("no row " + component);
    }

    @Test
    void theRoomsAdvisedRateIsTheHighestThatHolds() {
        Rush rush = new Rush("drops", 1_000_000, 60, 100, "launch", null, 2, 0, 0, 0, true);
        Plan.Admission advice = Plan.admission(rush, CATALOG, java.util.Map.of());
        List<String> regardless = advice.unaffected().stream().map(Row::component).toList();

        assertThat(advice.rate()).isGreaterThan(1).isLessThan(rush.arrivalRate());
        assertThat(plan(rush.admitting(advice.rate())).rows())
                .allMatch(r -> r.holds() || regardless.contains(r.component()));
        assertThat(plan(rush.admitting(advice.rate() + 1)).rows())
                .anyMatch(r -> !r.holds() && !regardless.contains(r.component()));
        assertThat(advice.seconds()).isEqualTo(Math.ceil(1_000_000 / advice.rate()));
        // without --admit the plan is made at the advised rate
        assertThat(plan(rush).rush().admitPerSecond()).isEqualTo(advice.rate());
    }

    @Test
    void pollsFollowTheEntryViewsAdvice() {
        // position p waits p/admit s and polls every max(1, min(wait/4, ceiling)) s
        double admit = 7, ceiling = 30;
        for (int waiting : new int[] {5, 28, 100, 840, 5_000}) {
            double sum = 0;
            for (int p = 1; p <= waiting; p++) sum += 1 / Math.max(1, Math.min(p / admit / 4, ceiling));
            assertThat(Demand.polls(waiting, admit, ceiling)).as("%d waiting", waiting)
                    .isCloseTo(sum, within(sum * 0.03 + 1));
        }
    }

    @Test
    void votesMeetKafkasLimitsAndTheFeedWritesEveryFollowersInbox() {
        Plan votes = plan(new Rush("votes", 600_000, 60, 0, null, null, 2, 0, 0, 0, true));
        assertThat(row(votes, "MSK votes one partition").peak()).isGreaterThan(0);
        assertThat(row(votes, "MSK client connections").limit().quota().id()).isEqualTo("msk.serverless-connections");
        // count-votes reads each of the topic's 6 partitions with one environment: the votes table is written no
        // faster than they take records, and what they cannot take yet waits on the topic
        Planner.Consumer counting = votes.consumers().stream().filter(c -> c.function().equals("count-votes"))
                .findFirst().orElseThrow();
        assertThat(counting.environments()).isEqualTo(6);
        assertThat(counting.peakArrivals()).isEqualTo(10_000);
        double perRecord = MODEL.unit("count-votes/record").dynamodb().get("votes").writeUnits();
        assertThat(row(votes, "DynamoDB votes writes").peak())
                .isCloseTo(Math.min(10_000, counting.capacity()) * perRecord, within(1e-6));

        Plan feed = plan(new Rush("feed", 60_000, 60, 0, null, null, 2, 600, 5_000, 0, true));
        double inboxWrites = MODEL.unit("write-inboxes/follower").dynamodb().get("inboxes").writeUnits();
        assertThat(row(feed, "DynamoDB inboxes writes").peak()).isCloseTo(10 * 5_000 * inboxWrites, within(1e-6));
        assertThat(feed.consumers()).anyMatch(c -> c.function().equals("write-inboxes"));
        // a loud author's posts are merged at read time: no inbox writes at all
        Plan loud = plan(new Rush("feed", 60_000, 60, 0, null, null, 2, 600, 50_000, 0, true));
        assertThat(loud.rows()).noneMatch(r -> r.component().equals("DynamoDB inboxes writes"));
    }

    @Test
    void theFeedsInspectionsCountAgainstTheModelsTokensAMinute() {
        Plan feed = plan(new Rush("feed", 60_000, 60, 0, null, null, 2, 600, 5_000, 0, true));

        Row tokens = row(feed, "Bedrock model tokens");
        assertThat(tokens.unit()).isEqualTo("tokens/min");
        assertThat(tokens.limit().quota().id()).isEqualTo("bedrock.model-tpm");
        assertThat(tokens.limit().quota().name()).startsWith("Global cross-Region").endsWith("Claude Haiku 4.5");
        // 600 posts in a minute: at most 10 inspected a second, one Converse call each, prompt and answer
        double perCall = CATALOG.assume("bedrock.tokens-in")
                + CATALOG.assume("bedrock.tokens-out") * CATALOG.assume("bedrock.output-burndown");
        assertThat(tokens.peak()).isPositive().isLessThanOrEqualTo(10 * 60 * perCall + 1e-6);
        // Bedrock no longer enforces requests a minute: no such row
        assertThat(feed.rows()).noneMatch(r -> r.component().startsWith("Bedrock") && r.unit().equals("requests/min"));
    }

    @Test
    void aPriceNotConfirmedOnAnAwsPageIsMarked_inTheTableAndInJson() throws IOException {
        String[] feed = {"--feature", "feed", "--users", "60000", "--window", "60s", "--posts", "600", "--followers",
                "5000", "--no-idle"};
        Run text = run(feed);
        JsonNode json = new ObjectMapper().readTree(run(java.util.stream.Stream.concat(java.util.Arrays.stream(feed),
                java.util.stream.Stream.of("--json")).toArray(String[]::new)).out());

        assertThat(CATALOG.prices().get("bedrock.haiku-input").verified()).isFalse();
        assertThat(CATALOG.prices().get("apigateway.http-request").verified()).isTrue();
        assertThat(text.out()).containsPattern("Bedrock input tokens +[0-9,]+ tokens +\\$[0-9.,]+ \\*")
                .containsPattern("API Gateway requests +[0-9,]+ requests +\\$[0-9.,]+\\R")
                .contains("of it at list prices not confirmed on an AWS page (plan/aws.json): check them before you "
                        + "budget");
        JsonNode items = json.path("rushCost").path("items");
        double unconfirmed = 0;
        for (JsonNode item : items) {
            boolean verified = CATALOG.prices().get(item.path("priceId").asText()).verified();
            assertThat(item.path("confirmed").asBoolean()).as(item.path("what").asText()).isEqualTo(verified);
            if (!verified) unconfirmed += item.path("usd").asDouble();
        }
        assertThat(unconfirmed).isPositive();
        assertThat(json.path("rushCost").path("unconfirmedUsd").asDouble()).isCloseTo(unconfirmed, within(1e-9));
    }

    @Test
    void eachStoredClaimAndChargedOrderHasItsNoticeDelivered() {
        Demand drops = Demand.of(drop(50_000, 60, 100), CATALOG);
        assertThat(drops.total("deliver-notices/notice")).isEqualTo(drops.total("store-claims/message")).isEqualTo(100);
        Demand tickets = Demand.of(new Rush("tickets", 50_000, 60, 1_000, "on-sale", 300.0, 2, 0, 0, 0, true), CATALOG);
        assertThat(tickets.total("deliver-notices/notice")).isEqualTo(tickets.total("charge-payments/message"))
                .isPositive();

        Plan plan = plan(drop(50_000, 60, 100));
        assertThat(plan.consumers()).anyMatch(c -> c.function().equals("deliver-notices"));
        double perNotice = MODEL.unit("deliver-notices/notice").dynamodb().get("notifications").writeUnits();
        assertThat(row(plan, "DynamoDB notifications writes").peak()).isPositive().isLessThanOrEqualTo(100 * perNotice);
    }

    @Test
    void everyJourneyUsesOnlyUnitsTheModelMeasures() {
        for (Rush rush : List.of(drop(50_000, 60, 100), drop(50_000, 60, 100).admitting(500),
                new Rush("tickets", 50_000, 60, 1_000, "on-sale", 300.0, 2, 0, 0, 0, true),
                new Rush("votes", 50_000, 60, 0, null, null, 2, 0, 0, 0, true),
                new Rush("feed", 50_000, 60, 0, null, null, 2, 100, 3_000, 500, true),
                new Rush("room", 50_000, 60, 0, null, 500.0, 2, 0, 0, 0, true))) {
            Demand demand = Demand.of(rush, CATALOG);
            assertThat(demand.rates()).as(rush.feature()).isNotEmpty();
            demand.rates().keySet().forEach(MODEL::unit);
            assertThat(plan(rush).rows()).as(rush.feature()).isNotEmpty();
        }
    }

    @Test
    void badArgumentsGetAClearErrorAndExit64() {
        assertThat(run("--feature", "coupons", "--users", "1", "--window", "60s")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(64);
            assertThat(r.err()).contains("--feature must be one of drops, tickets, votes, feed, room");
        });
        assertThat(run("--feature", "drops", "--users", "10", "--window", "60s").err())
                .contains("--stock is needed for drops");
        assertThat(run("--feature", "drops", "--users", "10", "--window", "soon", "--stock", "1").err())
                .contains("--window is a duration such as 60s");
        assertThat(run("--feature", "drops", "--users", "10", "--window", "60", "--stock", "1", "--admit", "5/s").err())
                .contains("--admit needs --room");
        assertThat(run("--users", "10").status()).isEqualTo(64);
        assertThat(run().status()).isEqualTo(64);
        assertThat(run("--help")).satisfies(r -> {
            assertThat(r.status()).isZero();
            assertThat(r.out()).startsWith("usage: ./rushgate plan");
        });
    }

    @Test
    void roundsRaisesUpToTwoSignificantDigits() {
        assertThat(Plan.roundUp(20_000.4)).isEqualTo(21_000);
        assertThat(Plan.roundUp(61_000)).isEqualTo(61_000);
        assertThat(Plan.roundUp(12.01)).isEqualTo(13);
    }
}
