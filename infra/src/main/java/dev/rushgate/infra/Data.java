package dev.rushgate.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.rushgate.wiring.DeadLetterSource;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.TableSpec;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The declared DynamoDB tables and SQS queues. Every queue gets a dead-letter queue ({@code id-dlq}) that
 * receives a message after {@code maxReceiveCount} failed receives, and an alarm that fires as soon as the
 * dead-letter queue holds anything: a message there is a claim nobody has stored yet. Construct ids carry
 * the kind ({@code table-claims}, {@code queue-claims}) because a table and a queue may share an id.
 */
public final class Data extends Construct {

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Queue> queues = new LinkedHashMap<>();
    private final Map<String, Queue> deadLetterQueues = new LinkedHashMap<>();
    private final Map<String, Alarm> deadLetterAlarms = new LinkedHashMap<>();

    public Data(Construct scope, String id, Props props) {
        super(scope, id);
        props.tables().forEach(spec -> tables.put(spec.id(), table(spec, props.tableRemovalPolicy())));
        props.queues().forEach(this::queue);
    }

    private Table table(TableSpec spec, RemovalPolicy removalPolicy) {
        var builder = Table.Builder.create(this, "table-" + spec.id())
                .partitionKey(stringKey(spec.partitionKey()))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(removalPolicy);
        if (spec.hasSortKey()) builder.sortKey(stringKey(spec.sortKey()));
        if (spec.hasStream()) builder.stream(StreamViewType.valueOf(spec.streamViewType()));
        Table table = builder.build();
        Tags.of(table).add(ResourceTags.TABLE, spec.id());
        return table;
    }

    private void queue(QueueSpec spec) {
        if (!spec.hasDeadLetterQueue()) {
            failureQueue(spec);
            return;
        }
        Queue dlq = Queue.Builder.create(this, "queue-" + spec.dlqId())
                .retentionPeriod(Duration.seconds(QueueSpec.KEEP_SECONDS))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        Queue queue = Queue.Builder.create(this, "queue-" + spec.id())
                .visibilityTimeout(Duration.seconds(spec.visibilityTimeoutSeconds()))
                .deadLetterQueue(DeadLetterQueue.builder().queue(dlq).maxReceiveCount(spec.maxReceiveCount()).build())
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        Tags.of(queue).add(ResourceTags.QUEUE, spec.id());
        Tags.of(dlq).add(ResourceTags.QUEUE, spec.dlqId());
        queues.put(spec.id(), queue);
        deadLetterQueues.put(spec.id(), dlq);
        deadLetterAlarms.put(spec.id(), notEmptyAlarm(dlq, spec.dlqId(),
                DeadLetterSource.deadLetterAlarmDescription(spec.id(), spec.maxReceiveCount(), spec.dlqId())));
    }

    /**
     * A consumer's on-failure destination: terminal (no redrive policy, so looking at it never moves a message on),
     * kept 14 days, and an alarm as soon as anything arrives.
     */
    private void failureQueue(QueueSpec spec) {
        Queue queue = Queue.Builder.create(this, "queue-" + spec.id())
                .retentionPeriod(Duration.seconds(QueueSpec.KEEP_SECONDS))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        Tags.of(queue).add(ResourceTags.QUEUE, spec.id());
        queue.getNode().getDefaultChild().getNode().addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY,
                Map.of("AwsSolutions-SQS3", "a Lambda event source's on-failure destination, where failures end by "
                        + "design: a DLQ of its own would let the dead-letter view's looks move them out of sight"));
        queues.put(spec.id(), queue);
        deadLetterAlarms.put(spec.id(), notEmptyAlarm(queue, spec.id(),
                DeadLetterSource.onFailureAlarmDescription(spec.id())));
    }

    private Alarm notEmptyAlarm(Queue queue, String queueId, String description) {
        return queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(1)).statistic("Maximum").build())
                .createAlarm(this, "alarm-" + queueId + "-visible", CreateAlarmOptions.builder()
                        .alarmDescription(description)
                        .threshold(1)
                        .evaluationPeriods(1)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build());
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    public Table table(String id) {
        return require(tables, id, "table");
    }

    public Queue queue(String id) {
        return require(queues, id, "queue");
    }

    public Map<String, Table> tables() {
        return Map.copyOf(tables);
    }

    public Map<String, Queue> queues() {
        return Map.copyOf(queues);
    }

    public Map<String, Queue> deadLetterQueues() {
        return Map.copyOf(deadLetterQueues);
    }

    public Map<String, Alarm> deadLetterAlarms() {
        return Map.copyOf(deadLetterAlarms);
    }

    private static <T> T require(Map<String, T> byId, String id, String kind) {
        T found = byId.get(id);
        if (found == null) throw new IllegalArgumentException("no " + kind + " " + id);
        return found;
    }

    /**
     * @param tables             the declared tables (string keys, on demand, point-in-time recovery, and a
     *                           stream when declared)
     * @param queues             the declared queues, each with its dead-letter queue
     * @param tableRemovalPolicy RETAIN in the cloud (the default): deleting the stack must not delete claims
     */
    public record Props(List<TableSpec> tables, List<QueueSpec> queues, RemovalPolicy tableRemovalPolicy) {
        public Props {
            tables = List.copyOf(Objects.requireNonNull(tables, "tables"));
            queues = List.copyOf(Objects.requireNonNull(queues, "queues"));
            Objects.requireNonNull(tableRemovalPolicy, "tableRemovalPolicy");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private List<TableSpec> tables = List.of();
            private List<QueueSpec> queues = List.of();
            private RemovalPolicy tableRemovalPolicy = RemovalPolicy.RETAIN;

            public Builder tables(List<TableSpec> tables) {
                this.tables = tables;
                return this;
            }

            public Builder queues(List<QueueSpec> queues) {
                this.queues = queues;
                return this;
            }

            public Builder tableRemovalPolicy(RemovalPolicy tableRemovalPolicy) {
                this.tableRemovalPolicy = tableRemovalPolicy;
                return this;
            }

            public Props build() {
                return new Props(tables, queues, tableRemovalPolicy);
            }
        }
    }
}
