package dev.rushgate.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.Trigger;
import software.amazon.awscdk.Acknowledgment;
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
import software.amazon.awscdk.services.sns.subscriptions.SqsSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * What an operator watches and is woken by: one SNS topic every alarm notifies (an email subscription by context
 * {@code alarmEmail}), alarms on what means trouble, and one CloudWatch dashboard per feature showing a rush as it
 * happens. All of it follows the declaration: a new function, queue or route is watched without a line here. Each
 * function's own alarms live in its feature's nested stack ({@link #alarmFunctions}); the rest here.
 */
public final class Observability extends Construct {
    private static final Duration PERIOD = Duration.minutes(1);
    /** Powertools' EMF dimension for the service, whose value is the function's declaration id. */
    static final String SERVICE_DIMENSION = "Service";
    /** Percent of the API's answers that are 5xx in one minute. By contract nothing expected is a 5xx. */
    static final int API_5XX_PERCENT = 1;
    /** Records a Kafka consumer may be behind its topic before an operator is told. */
    static final double KAFKA_LAG_RECORDS = 10_000;
    /** Age of the oldest record a DynamoDB-stream consumer may still be reading; a stream keeps 24 hours. */
    static final Duration STREAM_ITERATOR_AGE = Duration.minutes(5);
    /** Age of the oldest message on a work queue: longer means its consumer is failing or throttled. */
    static final Duration QUEUE_MESSAGE_AGE = Duration.minutes(5);

    private final Topic topic;

    public Observability(Construct scope, String id, Props props) {
        super(scope, id);
        this.topic = Topic.Builder.create(this, "Alarms").displayName("Rushgate alarms").enforceSsl(true).build();
        // CloudWatch cannot publish to a topic under the AWS-managed SNS key, and a key of our own bills monthly
        // for notifications that carry no secret: alarm names and states only.
        Validations.of(topic).acknowledge(Acknowledgment.builder()
                .id("AwsSolutions::AwsSolutions-SNS2").reason("Alarm notifications carry alarm names and states only; "
                        + "CloudWatch cannot publish under the AWS-managed SNS key").build());
        props.alarmEmail().ifPresent(email -> topic.addSubscription(new EmailSubscription(email)));
        // Every alarm also reaches the operators' webhook: the topic delivers to the admin-alerts queue (as SNS's
        // envelope), whose consumer posts each state change once.
        if (props.declaration().queues().stream().anyMatch(q -> q.id().equals(Rushgate.ADMIN_ALERTS_QUEUE))) {
            topic.addSubscription(new SqsSubscription(props.data().queue(Rushgate.ADMIN_ALERTS_QUEUE)));
        }
        SnsAction notify = new SnsAction(topic);

        // Dead-letter queues and on-failure queues: Data alarms as soon as one holds anything.
        props.data().deadLetterAlarms().values().forEach(alarm -> alarm.addAlarmAction(notify));
        for (QueueSpec q : props.declaration().queues()) {
            if (!q.hasDeadLetterQueue()) continue;
            alarm(this, props.data().queue(q.id()).metricApproximateAgeOfOldestMessage(options("Maximum")),
                    "queue-" + q.id() + "-age", q.id() + " has held a message for " + QUEUE_MESSAGE_AGE.toMinutes()
                            + " minutes: its consumer is not keeping up", QUEUE_MESSAGE_AGE.toSeconds().doubleValue(), 3)
                    .addAlarmAction(notify);
        }
        // A rate, not a count: ten 5xx a minute are a failing route at night, one answer in 100,000 during a rush.
        var api = props.api().httpApi();
        alarm(this, MathExpression.Builder.create().label("5xx per 100 answers").expression("100 * c5 / count")
                        .usingMetrics(Map.of("c5", api.metricServerError(options("Sum")),
                                "count", api.metricCount(options("Sum"))))
                        .period(PERIOD).build(),
                "api-5xx", API_5XX_PERCENT + "% or more of the API's answers were 5xx: a function failed or "
                        + "timed out", API_5XX_PERCENT, 5).addAlarmAction(notify);

        for (String feature : props.declaration().features()) {
            dashboard(feature, props.declaration().deployedFunctions().stream()
                    .filter(f -> f.feature().equals(feature)).toList(), props);
        }
    }

    public ITopic topic() {
        return topic;
    }

    /**
     * Errors and throttles of every function of one feature, and its consumers' lag (Kafka offset, DynamoDB stream
     * iterator age), created in {@code scope} (the feature's nested stack), each notifying {@code topic}.
     */
    public static void alarmFunctions(Construct scope, Declaration declaration, Functions functions, ITopic topic) {
        SnsAction notify = new SnsAction(topic);
        functions.functions().forEach((id, function) -> {
            alarm(scope, function.metricErrors(options("Sum")), id + "-errors", id + " failed (Errors)", 1, 5)
                    .addAlarmAction(notify);
            alarm(scope, function.metricThrottles(options("Sum")), id + "-throttles", id + " was throttled", 1, 5)
                    .addAlarmAction(notify);
            switch (declaration.function(id).map(FunctionSpec::trigger).orElseThrow()) {
                case Trigger.Kafka k -> alarm(scope, offsetLag(function), id + "-lag", id + " is behind " + k.topic()
                        + " by " + (long) KAFKA_LAG_RECORDS + " records", KAFKA_LAG_RECORDS, 3).addAlarmAction(notify);
                case Trigger.DynamoStream d -> alarm(scope, iteratorAge(function), id + "-iterator-age", id
                        + " is reading " + d.table() + "'s stream " + STREAM_ITERATOR_AGE.toMinutes()
                        + " minutes late", STREAM_ITERATOR_AGE.toMilliseconds().doubleValue(), 3).addAlarmAction(notify);
                default -> { }
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
        IMetric requests = labelled(api.metricCount(options("Sum")), "requests");
        IMetric refused = labelled(api.metricClientError(options("Sum")), "4xx (refused)");
        IMetric failed = labelled(api.metricServerError(options("Sum")), "5xx");
        widgets.add(graph("Requests and answers by status (whole API)", List.of(requests,
                MathExpression.Builder.create().label("2xx/3xx (accepted)").expression("count - c4 - c5")
                        .usingMetrics(Map.of("count", requests, "c4", refused, "c5", failed)).period(PERIOD).build(),
                refused, failed)));
        widgets.add(graph("API latency (ms, whole API)", List.of(
                api.metricLatency(options("p50")).with(MetricOptions.builder().label("p50").build()),
                api.metricLatency(options("p99")).with(MetricOptions.builder().label("p99").build()))));
        List<String> routes = specs.stream().map(FunctionSpec::trigger).filter(Trigger.Http.class::isInstance)
                .map(t -> ((Trigger.Http) t).routeKey()).toList();
        if (!routes.isEmpty()) widgets.add(answersByRoute(props.api(), routes));
        widgets.add(graph("What the functions counted (" + Functions.METRICS_NAMESPACE + " EMF facts)",
                List.of(facts(fns.keySet()))));
        widgets.add(graph("Lambda errors", perFunction(fns, f -> f.metricErrors(options("Sum")))));
        widgets.add(graph("Lambda throttles", perFunction(fns, f -> f.metricThrottles(options("Sum")))));
        widgets.add(graph("Lambda concurrency", perFunction(fns,
                f -> f.metric("ConcurrentExecutions", options("Maximum")))));
        queues(specs, props, widgets);
        List<IMetric> lag = new ArrayList<>();
        List<IMetric> age = new ArrayList<>();
        for (FunctionSpec s : specs) {
            Function f = fns.get(s.id());
            if (f == null) continue;
            if (s.trigger() instanceof Trigger.Kafka) lag.add(labelled(offsetLag(f), s.id()));
            if (s.trigger() instanceof Trigger.DynamoStream) age.add(labelled(iteratorAge(f), s.id()));
        }
        if (!lag.isEmpty()) widgets.add(graph("Kafka consumer lag (records behind)", lag));
        if (!age.isEmpty()) widgets.add(graph("DynamoDB stream consumers: iterator age (ms)", age));
        Set<String> tables = new LinkedHashSet<>();
        specs.forEach(s -> tables.addAll(s.needs().tables()));
        if (!tables.isEmpty()) {
            List<IMetric> throttled = new ArrayList<>();
            for (String t : tables) {
                throttled.add(labelled(props.data().table(t).metric("WriteThrottleEvents", options("Sum")),
                        t + " writes"));
                throttled.add(labelled(props.data().table(t).metric("ReadThrottleEvents", options("Sum")),
                        t + " reads"));
            }
            widgets.add(graph("DynamoDB throttled reads and writes", throttled));
        }
        if (props.cache() != null && specs.stream().anyMatch(s -> s.needs().cache())) {
            widgets.add(GraphWidget.Builder.create().title("Cache ECPU, and commands throttled while it scales")
                    .width(12).height(6)
                    .left(List.of(cacheMetric(props.cache(), "ElastiCacheProcessingUnits", "ECPU")))
                    .right(List.of(cacheMetric(props.cache(), "ThrottledCmds", "throttled commands")))
                    .build());
        }
        if (props.database() != null && specs.stream().anyMatch(s -> s.needs().database())) {
            var cluster = props.database().cluster();
            widgets.add(GraphWidget.Builder.create().title("Aurora capacity (ACU) and its use of the maximum (%)")
                    .width(12).height(6)
                    .left(List.of(labelled(cluster.metricServerlessDatabaseCapacity(options("Maximum")), "ACU")))
                    .right(List.of(labelled(cluster.metric("ACUUtilization", options("Maximum")), "% of max ACU")))
                    .build());
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
        String quoted = routes.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", "));
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
                .collect(Collectors.joining(" OR "));
        return MathExpression.Builder.create()
                .expression("SEARCH('{" + Functions.METRICS_NAMESPACE + "," + SERVICE_DIMENSION + "} (" + services
                        + ")', 'Sum', " + PERIOD.toSeconds() + ")")
                .label("${PROP('Dim." + SERVICE_DIMENSION + "')} ${PROP('MetricName')}")
                .usingMetrics(Map.of())
                .period(PERIOD)
                .build();
    }

    /** Depth and oldest message of the queues the feature consumes or sends to, and their dead letters. */
    private static void queues(List<FunctionSpec> specs, Props props, List<IWidget> widgets) {
        Set<String> queues = new LinkedHashSet<>();
        for (FunctionSpec s : specs) {
            switch (s.trigger()) {
                case Trigger.Sqs sqs -> queues.add(sqs.queue());
                case Trigger.Kafka k -> queues.add(k.onFailureQueue());
                case Trigger.DynamoStream d -> queues.add(d.onFailureQueue());
                default -> { }
            }
            queues.addAll(s.needs().sendsTo());
        }
        if (queues.isEmpty()) return;
        List<IMetric> depth = new ArrayList<>();
        List<IMetric> age = new ArrayList<>();
        List<IMetric> dead = new ArrayList<>();
        for (String q : queues) {
            Queue queue = props.data().queue(q);
            depth.add(labelled(queue.metricApproximateNumberOfMessagesVisible(options("Maximum")), q));
            age.add(labelled(queue.metricApproximateAgeOfOldestMessage(options("Maximum")), q));
            Queue dlq = props.data().deadLetterQueues().get(q);
            dead.add(labelled((dlq == null ? queue : dlq).metricApproximateNumberOfMessagesVisible(options("Maximum")),
                    dlq == null ? q : props.declaration().queue(q).dlqId()));
        }
        widgets.add(graph("Queue depth (messages visible)", depth));
        widgets.add(graph("Oldest message age (s)", age));
        widgets.add(graph("Dead letters and failed batches", dead));
    }

    private static List<IMetric> perFunction(Map<String, Function> fns,
                                             java.util.function.Function<Function, Metric> metric) {
        return fns.entrySet().stream().map(e -> labelled(metric.apply(e.getValue()), e.getKey())).toList();
    }

    private static IMetric cacheMetric(Cache cache, String name, String label) {
        // A serverless cache publishes under clusterId (its name), not a node cluster's CacheClusterId.
        return Metric.Builder.create().namespace("AWS/ElastiCache").metricName(name)
                .dimensionsMap(Map.of("clusterId", cache.name())).statistic("Sum").period(PERIOD).label(label).build();
    }

    private static Metric offsetLag(Function function) {
        return function.metric("OffsetLag", options("Maximum"));
    }

    private static Metric iteratorAge(Function function) {
        return function.metric("IteratorAge", options("Maximum"));
    }

    private static IMetric labelled(Metric metric, String label) {
        return metric.with(MetricOptions.builder().label(label).build());
    }

    private static MetricOptions options(String statistic) {
        return MetricOptions.builder().statistic(statistic).period(PERIOD).build();
    }

    /** Alarms when one minute of {@code periods} reaches {@code threshold}; no data (an idle stack) is fine. */
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
    public record Props(String stackName, Declaration declaration,
                        java.util.function.Function<String, Optional<Function>> functions, Data data, Api api,
                        Cache cache, Database database, Optional<String> alarmEmail) {
        public Props {
            Objects.requireNonNull(declaration, "declaration");
            Objects.requireNonNull(functions, "functions");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(alarmEmail, "alarmEmail");
        }
    }
}
