package dev.rushgate.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.Trigger;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.LogQueryVisualizationType;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * What an operator watches and is woken by: one SNS topic every alarm notifies (an email subscription by context
 * {@code alarmEmail}), alarms on what means trouble, and one CloudWatch dashboard per feature showing a rush as it
 * happens. Each function's own alarms live in its feature's nested stack ({@link #alarmFunctions}); the rest here.
 */
public final class Observability extends Construct {
    private static final Duration PERIOD = Duration.minutes(1);
    /** Powertools' EMF dimension for the service, whose value is the function's declaration id. */
    static final String SERVICE_DIMENSION = "Service";

    private final Topic topic;

    public Observability(Construct scope, String id, Props props) {
        super(scope, id);
        this.topic = Topic.Builder.create(this, "Alarms").displayName("Rushgate alarms").enforceSsl(true).build();
        // CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a key of our own bills monthly
        // for notifications that carry no secret: alarm names and states only.
        Validations.of(topic).acknowledge(software.amazon.awscdk.Acknowledgment.builder()
                .id("AwsSolutions::AwsSolutions-SNS2").reason("Alarm notifications carry alarm names and states only; "
                        + "CloudWatch cannot publish under the AWS-managed SNS key").build());
        props.alarmEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));
        SnsAction notify = new SnsAction(topic);

        props.data().deadLetterAlarms().values().forEach(alarm -> alarm.addAlarmAction(notify));
        for (QueueSpec q : props.declaration().queues()) {
            if (!q.hasDeadLetterQueue()) continue;
            // Work queues: messages waiting long means their consumer is failing or throttled.
            alarm(props.data().queue(q.id()).metricApproximateAgeOfOldestMessage(options("Maximum")),
                    "queue-" + q.id() + "-age", q.id() + " has held a message for 5 minutes: its consumer is not keeping "
                            + "up", 300, 3).addAlarmAction(notify);
        }
        var api = props.api().httpApi();
        alarm(api.metricServerError(options("Sum")), "api-5xx", "The API answered 5xx: a function failed or timed out",
                10, 5).addAlarmAction(notify);

        for (String feature : props.declaration().features()) {
            List<FunctionSpec> specs = props.declaration().deployedFunctions().stream()
                    .filter(f -> f.feature().equals(feature)).toList();
            dashboard(feature, specs, props);
        }
    }

    public ITopic topic() {
        return topic;
    }

    /**
     * Errors and throttles of every function of one feature, and the Kafka consumers' lag, created in {@code scope}
     * (the feature's nested stack), each notifying {@code topic}.
     */
    public static void alarmFunctions(Construct scope, Declaration declaration, Functions functions, ITopic topic) {
        SnsAction notify = new SnsAction(topic);
        functions.functions().forEach((id, function) -> {
            alarm(scope, function.metricErrors(options("Sum")), id + "-errors", id + " failed (Errors)", 1, 5)
                    .addAlarmAction(notify);
            alarm(scope, function.metricThrottles(options("Sum")), id + "-throttles", id + " was throttled", 1, 5)
                    .addAlarmAction(notify);
            if (declaration.function(id).map(f -> f.trigger() instanceof Trigger.Kafka).orElse(false)) {
                alarm(scope, offsetLag(function), id + "-lag", id + " is behind its topic by 10,000 records", 10_000, 3)
                        .addAlarmAction(notify);
            }
        });
    }

    private void dashboard(String feature, List<FunctionSpec> specs, Props props) {
        Map<String, Function> fns = new LinkedHashMap<>();
        specs.forEach(s -> props.functions().apply(s.id()).ifPresent(f -> fns.put(s.id(), f)));
        var api = props.api().httpApi();
        List<IWidget> widgets = new ArrayList<>();
        widgets.add(TextWidget.Builder.create().width(24).height(1).markdown("# Rushgate " + feature
                + ": a rush as it happens (1-minute points; the API graphs are the whole API's, the table is this "
                + "feature's routes)").build());
        widgets.add(graph("Requests and answers by status", List.of(api.metricCount(options("Sum")),
                MathExpression.Builder.create().label("2xx/3xx")
                        .expression("count - c4 - c5").usingMetrics(Map.of("count", api.metricCount(options("Sum")),
                                "c4", api.metricClientError(options("Sum")), "c5", api.metricServerError(options("Sum"))))
                        .period(PERIOD).build(),
                api.metricClientError(options("Sum")), api.metricServerError(options("Sum")))));
        widgets.add(graph("API latency p99 (ms)", List.of(api.metricLatency(options("p99")))));
        List<String> routes = specs.stream().map(FunctionSpec::trigger).filter(Trigger.Http.class::isInstance)
                .map(t -> ((Trigger.Http) t).routeKey()).toList();
        if (!routes.isEmpty()) widgets.add(answersByRoute(props.api(), routes));
        widgets.add(graph("What the functions counted (" + Functions.METRICS_NAMESPACE + " EMF facts)",
                List.of(facts(fns.keySet()))));
        widgets.add(graph("Lambda errors", fns.values().stream().map(f -> (IMetric) f.metricErrors(options("Sum"))).toList()));
        widgets.add(graph("Lambda throttles", fns.values().stream().map(f -> (IMetric) f.metricThrottles(options("Sum"))).toList()));
        widgets.add(graph("Lambda concurrency", fns.values().stream()
                .map(f -> (IMetric) f.metric("ConcurrentExecutions", options("Maximum"))).toList()));
        Set<String> queues = new java.util.LinkedHashSet<>();
        for (FunctionSpec s : specs) {
            if (s.trigger() instanceof Trigger.Sqs sqs) queues.add(sqs.queue());
            if (s.trigger() instanceof Trigger.Kafka k) queues.add(k.onFailureQueue());
            if (s.trigger() instanceof Trigger.DynamoStream d) queues.add(d.onFailureQueue());
            queues.addAll(s.needs().sendsTo());
        }
        List<IMetric> depth = new ArrayList<>();
        List<IMetric> age = new ArrayList<>();
        List<IMetric> dead = new ArrayList<>();
        for (String q : queues) {
            Queue queue = props.data().queue(q);
            depth.add(queue.metricApproximateNumberOfMessagesVisible(options("Maximum")));
            age.add(queue.metricApproximateAgeOfOldestMessage(options("Maximum")));
            Queue dlq = props.data().deadLetterQueues().get(q);
            dead.add((dlq == null ? queue : dlq).metricApproximateNumberOfMessagesVisible(options("Maximum")));
        }
        if (!depth.isEmpty()) {
            widgets.add(graph("Queue depth", depth));
            widgets.add(graph("Oldest message age (s)", age));
            widgets.add(graph("Dead letters and failed batches", dead));
        }
        List<IMetric> lag = fns.entrySet().stream()
                .filter(e -> specs.stream().anyMatch(s -> s.id().equals(e.getKey()) && s.trigger() instanceof Trigger.Kafka))
                .map(e -> offsetLag(e.getValue())).toList();
        if (!lag.isEmpty()) widgets.add(graph("Kafka consumer lag (records)", lag));
        Set<String> tables = new java.util.LinkedHashSet<>();
        specs.forEach(s -> tables.addAll(s.needs().tables()));
        if (!tables.isEmpty()) {
            List<IMetric> throttled = new ArrayList<>();
            for (String t : tables) {
                throttled.add(props.data().table(t).metric("WriteThrottleEvents", options("Sum")));
                throttled.add(props.data().table(t).metric("ReadThrottleEvents", options("Sum")));
            }
            widgets.add(graph("DynamoDB throttled reads and writes", throttled));
        }
        if (props.cache() != null && specs.stream().anyMatch(s -> s.needs().cache())) {
            widgets.add(graph("Cache ECPU", List.of(Metric.Builder.create().namespace("AWS/ElastiCache")
                    .metricName("ElastiCacheProcessingUnits").dimensionsMap(Map.of("clusterId", props.cache().name()))
                    .statistic("Sum").period(PERIOD).build())));
        }
        if (props.database() != null && specs.stream().anyMatch(s -> s.needs().database())) {
            widgets.add(graph("Aurora capacity (ACU)", List.of(
                    props.database().cluster().metricServerlessDatabaseCapacity(options("Maximum")))));
        }
        Dashboard.Builder.create(this, "dashboard-" + feature)
                .dashboardName(props.stackName() + "-" + feature)
                .widgets(rows(widgets))
                .build();
    }

    /**
     * Accepted against refused, route by route: the feature's routes counted by status from the JSON access log.
     * The HTTP functions record no metric of their own (a line per claim would cost more than the claim), and the
     * API's metrics are per route only with detailed metrics, which bill per route.
     */
    private static IWidget answersByRoute(Api api, List<String> routes) {
        String quoted = routes.stream().map(r -> "\"" + r + "\"").collect(java.util.stream.Collectors.joining(", "));
        return LogQueryWidget.Builder.create()
                .title("Answers by route and status: accepted (2xx) against refused (4xx)")
                .logGroupNames(List.of(api.accessLogs().getLogGroupName()))
                .queryLines(List.of(
                        "fields routeKey, status",
                        "filter routeKey in [" + quoted + "]",
                        "stats count(*) as answers by routeKey, status",
                        "sort routeKey asc, status asc"))
                .view(LogQueryVisualizationType.TABLE)
                .width(12).height(6)
                .build();
    }

    /**
     * Every fact the feature's functions record (Powertools EMF: one namespace, the function's id as service), found
     * by search: a fact added to a handler shows here without a change to this class.
     */
    private static IMetric facts(Set<String> functionIds) {
        String services = functionIds.stream().map(id -> SERVICE_DIMENSION + "=\"" + id + "\"")
                .collect(java.util.stream.Collectors.joining(" OR "));
        return MathExpression.Builder.create()
                .expression("SEARCH('{" + Functions.METRICS_NAMESPACE + "," + SERVICE_DIMENSION + "} (" + services
                        + ")', 'Sum', " + PERIOD.toSeconds() + ")")
                .label("${PROP('Dim." + SERVICE_DIMENSION + "')} ${PROP('MetricName')}")
                .usingMetrics(Map.of())
                .period(PERIOD)
                .build();
    }

    private static IMetric offsetLag(Function function) {
        return Metric.Builder.create().namespace("AWS/Lambda").metricName("OffsetLag")
                .dimensionsMap(Map.of("FunctionName", function.getFunctionName())).statistic("Maximum").period(PERIOD)
                .build();
    }

    private static MetricOptions options(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
    }

    private Alarm alarm(IMetric metric, String id, String description, double threshold, int periods) {
        return alarm(this, metric, id, description, threshold, periods);
    }

    private static Alarm alarm(Construct scope, IMetric metric, String id, String description, double threshold,
                               int periods) {
        return Alarm.Builder.create(scope, "alarm-" + id)
                .metric(metric)
                .alarmDescription(description)
                .threshold(threshold)
                .evaluationPeriods(periods)
                .datapointsToAlarm(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    private static GraphWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).width(12).height(6).left(new ArrayList<>(metrics)).build();
    }

    /** Two widgets a row, after the title. */
    private static List<List<IWidget>> rows(List<IWidget> widgets) {
        List<List<IWidget>> rows = new ArrayList<>();
        rows.add(List.of(widgets.getFirst()));
        for (int i = 1; i < widgets.size(); i += 2) rows.add(widgets.subList(i, Math.min(i + 2, widgets.size())));
        return rows;
    }

    /**
     * @param functions  a deployed function by id, whichever feature's stack holds it
     * @param alarmEmail where the alarms' topic mails, when given
     * @param cache      null when no selected feature uses it
     * @param database   null when no selected feature uses it
     */
    public record Props(String stackName, Declaration declaration, java.util.function.Function<String,
            java.util.Optional<Function>> functions, Data data, Api api, Cache cache, Database database,
                        java.util.Optional<String> alarmEmail) {
        public Props {
            Objects.requireNonNull(declaration, "declaration");
            Objects.requireNonNull(functions, "functions");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(alarmEmail, "alarmEmail");
        }
    }
}
