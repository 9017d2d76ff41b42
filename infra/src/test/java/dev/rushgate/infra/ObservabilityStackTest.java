package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static dev.rushgate.infra.TemplateQueries.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.wiring.DeadLetterSource;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an operator gets: alarms on every function, queue and consumer, to one topic; a dashboard per feature with its
 * functions, routes and facts; JSON access logs; active tracing.
 */
class ObservabilityStackTest {

    private static String topic(TemplateQueries template) {
        return template.resources("AWS::SNS::Topic").keySet().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no alarm topic"));
    }

    /** The alarms on a metric whose dimensions refer to {@code logicalId}, by metric name. */
    private static List<Map<String, Object>> alarmsOn(TemplateQueries template, String metricName, String logicalId) {
        return template.resources("AWS::CloudWatch::Alarm").values().stream().map(TemplateQueries::properties)
                .filter(a -> metricName.equals(a.get("MetricName")))
                .filter(a -> refs(a.get("Dimensions")).contains(logicalId)).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void alarmsOnEveryFunctionsErrorsAndThrottles_andNotifiesTheTopic(Declaration declaration) {
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        String topic = topic(template);

        for (FunctionSpec f : declaration.deployedFunctions()) {
            String fn = template.functionLogicalId(f.id());
            for (String metric : List.of("Errors", "Throttles")) {
                assertThat(alarmsOn(template, metric, fn)).as(f.id() + " " + metric).singleElement()
                        .satisfies(a -> assertThat(refs(a.get("AlarmActions"))).containsExactly(topic));
            }
            assertThat(template.function(f.id()).get("TracingConfig")).as(f.id() + " tracing")
                    .isEqualTo(Map.of("Mode", "Active"));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void alarmsWhenAConsumerFallsBehindItsTopicOrStream(Declaration declaration) {
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        String topic = topic(template);

        for (FunctionSpec f : declaration.deployedFunctions()) {
            String fn = template.functionLogicalId(f.id());
            String lagMetric = switch (f.trigger()) {
                case Trigger.Kafka k -> "OffsetLag";
                case Trigger.DynamoStream d -> "IteratorAge";
                default -> null;
            };
            for (String metric : List.of("OffsetLag", "IteratorAge")) {
                var alarms = alarmsOn(template, metric, fn);
                if (!metric.equals(lagMetric)) {
                    assertThat(alarms).as(f.id() + " " + metric).isEmpty();
                    continue;
                }
                assertThat(alarms).as(f.id() + " " + metric).singleElement()
                        .satisfies(a -> assertThat(refs(a.get("AlarmActions"))).containsExactly(topic));
            }
        }
    }

    @Test
    void alarmsOnTheShareOfAnswersThatAre5xx_notOnTheirCount() {
        var template = new TemplateQueries(SynthesizedStacks.template(SynthesizedStacks.RUSHGATE));
        String topic = topic(template);

        var alarm = template.resources("AWS::CloudWatch::Alarm").values().stream().map(TemplateQueries::properties)
                .filter(a -> a.get("Metrics") instanceof List<?> metrics && metrics.stream()
                        .anyMatch(m -> String.valueOf(m).contains("MetricName=5xx")))
                .toList();
        assertThat(alarm).singleElement().satisfies(a -> {
            List<?> metrics = (List<?>) a.get("Metrics");
            assertThat(metrics).anySatisfy(m -> assertThat(((Map<?, ?>) m).get("Expression"))
                    .isEqualTo("100 * c5 / count"));
            assertThat(metrics.toString()).contains("MetricName=Count").contains("MetricName=5xx");
            assertThat(refs(a.get("AlarmActions"))).containsExactly(topic);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void alarmsOnEveryQueue_deadLettersAndFailuresAtOnce_andWorkQueuesThatFallBehind(Declaration declaration) {
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        String topic = topic(template);
        Map<String, String> queues = template.tagged("AWS::SQS::Queue", ResourceTags.QUEUE);
        java.util.function.Function<String, String> logicalId = id -> queues.entrySet().stream()
                .filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst().orElseThrow();

        for (DeadLetterSource source : declaration.deadLetterSources()) {
            assertThat(alarmsOn(template, "ApproximateNumberOfMessagesVisible", logicalId.apply(source.holdingQueue())))
                    .as(source.holdingQueue()).singleElement()
                    .satisfies(a -> assertThat(refs(a.get("AlarmActions"))).containsExactly(topic));
        }
        for (QueueSpec q : declaration.queues().stream().filter(QueueSpec::hasDeadLetterQueue).toList()) {
            assertThat(alarmsOn(template, "ApproximateAgeOfOldestMessage", logicalId.apply(q.id()))).as(q.id())
                    .singleElement().satisfies(a -> assertThat(refs(a.get("AlarmActions"))).containsExactly(topic));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void showsEachFeatureOnADashboardOfItsOwn_withEveryOneOfItsFunctions(Declaration declaration) {
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        var dashboards = template.resources("AWS::CloudWatch::Dashboard").values().stream()
                .map(TemplateQueries::properties).toList();

        assertThat(dashboards).hasSize(declaration.features().size());
        for (String feature : declaration.features()) {
            var dashboard = dashboards.stream().filter(d -> String.valueOf(d.get("DashboardName")).endsWith("-" + feature))
                    .findFirst().orElseThrow(() -> new AssertionError("no dashboard for " + feature));
            Set<String> shown = refs(dashboard.get("DashboardBody"));
            String body = text(dashboard.get("DashboardBody"));
            for (FunctionSpec f : declaration.deployedFunctions().stream().filter(f -> f.feature().equals(feature)).toList()) {
                assertThat(shown).as(feature + " shows " + f.id()).contains(template.functionLogicalId(f.id()));
                assertThat(body).as(feature + " searches the facts " + f.id() + " records")
                        .contains("Service=\\\"" + f.id() + "\\\"");
                if (f.trigger() instanceof Trigger.Http http) {
                    assertThat(body).as(feature + " counts the answers of " + http.routeKey())
                            .contains("\\\"" + http.routeKey() + "\\\"");
                }
            }
            if (declaration.deployedFunctions().stream()
                    .anyMatch(f -> f.feature().equals(feature) && f.trigger() instanceof Trigger.Http)) {
                assertThat(shown).as(feature + " reads the access log").contains(accessLogs(template));
            }
        }
    }

    /** A dashboard body as the text CloudFormation joins, references left as their JSON. */
    private static String text(Object body) {
        if (!(body instanceof Map<?, ?> join)) return String.valueOf(body);
        List<?> parts = (List<?>) ((List<?>) join.get("Fn::Join")).get(1);
        StringBuilder out = new StringBuilder();
        parts.forEach(p -> out.append(p instanceof String s ? s : String.valueOf(p)));
        return out.toString();
    }

    private static String accessLogs(TemplateQueries template) {
        Map<String, Object> stage = properties(template.resources("AWS::ApiGatewayV2::Stage").values().iterator().next());
        return refs(((Map<?, ?>) stage.get("AccessLogSettings")).get("DestinationArn")).iterator().next();
    }

    @Test
    void mailsTheAlarmsOnlyWhenAnAddressIsGiven() {
        var without = new TemplateQueries(SynthesizedStacks.template(SynthesizedStacks.RUSHGATE));
        var with = new TemplateQueries(MergedTemplate.of(SynthesizedStacks.stack(SynthesizedStacks.RUSHGATE,
                props -> props.guardRails(dev.rushgate.wiring.Rushgate.guardRails()).alarmEmail("ops@example.com"),
                s -> { })));

        // (besides the admin-alerts queue's subscription, which every deployment has: the operators' webhook)
        assertThat(without.resources("AWS::SNS::Subscription").values())
                .extracting(s -> properties(s).get("Protocol")).containsExactly("sqs");
        assertThat(with.resources("AWS::SNS::Subscription").values())
                .filteredOn(s -> "email".equals(properties(s).get("Protocol"))).singleElement().satisfies(s -> {
            assertThat(properties(s).get("Protocol")).isEqualTo("email");
            assertThat(properties(s).get("Endpoint")).isEqualTo("ops@example.com");
        });
    }

    @Test
    void logsEveryRequestAsJson_withRouteStatusLatencyAndRequestId() throws Exception {
        var template = new TemplateQueries(SynthesizedStacks.template(SynthesizedStacks.RUSHGATE));
        Map<String, Object> stage = properties(template.resources("AWS::ApiGatewayV2::Stage").values().iterator().next());
        String format = (String) ((Map<?, ?>) stage.get("AccessLogSettings")).get("Format");

        @SuppressWarnings("unchecked") Map<String, Object> line = new ObjectMapper().readValue(format, Map.class);
        assertThat(line).containsEntry("requestId", "$context.requestId").containsEntry("routeKey", "$context.routeKey")
                .containsEntry("status", "$context.status").containsEntry("responseLatency", "$context.responseLatency")
                .containsEntry("integrationLatency", "$context.integrationLatency")
                .containsEntry("requestTime", "$context.requestTime").containsEntry("sourceIp", "$context.identity.sourceIp")
                .containsEntry("httpMethod", "$context.httpMethod").containsEntry("path", "$context.path")
                .containsEntry("error", "$context.error.message")
                .containsEntry("integrationError", "$context.integrationErrorMessage");
    }
}
