package dev.rushgate.localstack.e2e;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /metrics}: what Prometheus scrapes from the local stack, and that it moves with what the stack does. */
@ExtendWith(SharedStack.class)
class MetricsE2E {

    private final Api api = SharedStack.api();

    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        assertThat(m.find()).as("series %s in /metrics", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void servesThePrometheusTextFormat_withTheJvmEachEngineEachQueueAndKafkasLag() {
        Api.Answer metrics = api.get("/metrics", null);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        String text = metrics.raw();
        assertThat(text).contains("# TYPE jvm_memory_used_bytes gauge", "# TYPE rushgate_function_invocations_total counter");
        for (String engine : new String[] {"redis", "dynamodb", "sqs", "kafka", "postgresql"}) {
            assertThat(value(text, "rushgate_engine_up{engine=\"" + engine + "\"}")).as(engine).isEqualTo(1.0);
        }
        assertThat(value(text, "rushgate_queue_messages{queue=\"claims\",state=\"visible\"}")).isGreaterThanOrEqualTo(0);
        assertThat(value(text, "rushgate_queue_messages{queue=\"claims-dlq\",state=\"in_flight\"}"))
                .isGreaterThanOrEqualTo(0);
        assertThat(value(text, "rushgate_kafka_consumer_lag{function=\"count-votes\",topic=\"votes\"}"))
                .isGreaterThanOrEqualTo(0);
        assertThat(text).containsPattern("rushgate_dynamodb_requests_total\\{operation=\"\\w+\",table=\"[\\w-]+\"\\}");
    }

    @Test
    void countsEachInvocationOfAFunction() {
        String series = "rushgate_function_invocations_total{function=\"health\"}";
        api.get("/v1/health", null);
        double before = value(api.get("/metrics", null).raw(), series);

        for (int i = 0; i < 3; i++) assertThat(api.get("/v1/health", null).status()).isEqualTo(200);

        assertThat(value(api.get("/metrics", null).raw(), series)).isEqualTo(before + 3);
    }

    /** A drop of 2, claimed once a moment ago: an event with answers in the live counters. */
    private String claimedDrop() throws InterruptedException {
        String admin = api.token("metrics-admin", "admin");
        String dropId = "metrics-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.put("/v1/admin/drops/" + dropId, admin, Api.json(java.util.Map.of("name", "Coupon", "stock", 2,
                "perUserLimit", 1, "opensAt", java.time.Instant.now().minusSeconds(1).toString()))).status())
                .isEqualTo(201);
        assertThat(api.post("/v1/drops/" + dropId + "/claims", api.token(dropId + "-u"), null).status()).isEqualTo(202);
        Thread.sleep(1_100); // a second is added once complete
        return dropId;
    }

    @Test
    void servesEachEventsAnswersAndItsNumbersNow() throws InterruptedException {
        String dropId = claimedDrop();

        String text = api.get("/metrics", null).raw();

        assertThat(value(text, "rushgate_answers_total{answer=\"accepted\",event=\"" + dropId + "\",kind=\"drop\"}"))
                .isEqualTo(1.0);
        assertThat(value(text, "rushgate_event{event=\"" + dropId + "\",gauge=\"remaining\",kind=\"drop\"}"))
                .isEqualTo(1.0);
        // a second scrape adds nothing already added
        assertThat(value(api.get("/metrics", null).raw(),
                "rushgate_answers_total{answer=\"accepted\",event=\"" + dropId + "\",kind=\"drop\"}")).isEqualTo(1.0);
    }

    /** Every series the Grafana dashboard asks for is one this stack serves: a renamed metric fails here, not there. */
    @Test
    void theGrafanaDashboardAsksOnlyForSeriesTheStackServes() throws Exception {
        claimedDrop();
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("..", "ops", "grafana", "rushgate.json").toFile());
        String text = api.get("/metrics", null).raw();
        java.util.Set<String> served = new java.util.HashSet<>();
        Matcher sample = Pattern.compile("^([a-z_]+)[{ ]", Pattern.MULTILINE).matcher(text);
        while (sample.find()) served.add(sample.group(1));
        java.util.List<String> asked = new java.util.ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher name = Pattern.compile("\\b((?:rushgate|jvm|process)_[a-z_]+)").matcher(target.path("expr").asText());
                while (name.find()) asked.add(name.group(1));
            }
        }

        assertThat(asked).hasSizeGreaterThan(8);
        for (String metric : asked) assertThat(served).as("served series for %s", metric).contains(metric);
    }

    @Test
    void answersOnlyGet() {
        Api.Answer post = api.post("/metrics", null, "{}");

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers().get("allow")).containsExactly("GET");
    }
}
