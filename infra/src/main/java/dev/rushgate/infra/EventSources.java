package dev.rushgate.infra;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.Trigger;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.ManagedKafkaEventSource;
import software.amazon.awscdk.services.lambda.eventsources.ProvisionedPollerConfig;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.constructs.Construct;

/**
 * The non-HTTP triggers: SQS, MSK and DynamoDB stream event source mappings and fixed-rate schedules, each on
 * the function's {@code live} alias. SQS consumers always report batch item failures, so a bad message retries alone
 * until its queue's redrive policy moves it to the dead-letter queue.
 */
public final class EventSources extends Construct {

    public EventSources(Construct scope, String id, Props props) {
        super(scope, id);
        for (FunctionSpec spec : props.declaration().deployedFunctions()) {
            if (!props.functions().functions().containsKey(spec.id())) continue; // another feature's
            IFunction live = props.functions().live(spec.id());
            switch (spec.trigger()) {
                case Trigger.Http http -> { }
                case Trigger.Sqs sqs -> sqs(spec, live, sqs, props);
                case Trigger.Kafka kafka -> kafka(spec, live, kafka, props);
                case Trigger.DynamoStream stream -> dynamoStream(live, stream, props);
                case Trigger.Schedule schedule -> schedule(spec, live, schedule);
                case Trigger.Deploy deploy -> afterDeploy(spec, props);
            }
        }
    }

    private static void sqs(FunctionSpec spec, IFunction live, Trigger.Sqs sqs, Props props) {
        var source = SqsEventSource.Builder.create(props.data().queue(sqs.queue()))
                .batchSize(sqs.batchSize())
                .reportBatchItemFailures(true);
        // The poller invokes at most this many at once, below the function's reservation: no invocation throttled.
        Integer max = props.guardRails().maxConcurrency().get(spec.id());
        if (max != null) source.maxConcurrency(max);
        if (sqs.maxBatchingWindowSeconds() > 0) source.maxBatchingWindow(Duration.seconds(sqs.maxBatchingWindowSeconds()));
        live.addEventSource(source.build());
    }

    private static void kafka(FunctionSpec spec, IFunction live, Trigger.Kafka kafka, Props props) {
        Streaming streaming = Objects.requireNonNull(props.streaming(), () -> spec.id() + " consumes Kafka: no cluster");
        // The consumer group is the function id, so the grant can name it and offsets survive redeploys.
        streaming.grantConsume(live, kafka.topic(), spec.id());
        live.addEventSource(ManagedKafkaEventSource.Builder.create()
                .clusterArn(streaming.clusterArn())
                .topic(kafka.topic())
                .consumerGroupId(spec.id())
                .batchSize(kafka.batchSize())
                .startingPosition(StartingPosition.TRIM_HORIZON)
                // As the local poller does: 3 retries, then split the batch until the bad record is alone, so only
                // it reaches the on-failure queue. Lambda offers these for Kafka in provisioned mode only.
                .retryAttempts(3)
                .bisectBatchOnError(true)
                .provisionedPollerConfig(ProvisionedPollerConfig.builder().minimumPollers(1).maximumPollers(4).build())
                .onFailure(new SqsDlq(props.data().queue(kafka.onFailureQueue())))
                .build());
    }

    /**
     * Reads the table's stream from the oldest record; the source grants stream read on the table and sending to
     * the on-failure queue. Batch item failures are always reported, as the local poller expects.
     */
    private static void dynamoStream(IFunction live, Trigger.DynamoStream stream, Props props) {
        var source = DynamoEventSource.Builder.create(props.data().table(stream.table()))
                .startingPosition(StartingPosition.TRIM_HORIZON)
                .batchSize(stream.batchSize())
                .bisectBatchOnError(stream.bisectOnError())
                .retryAttempts(stream.maxRetries())
                .reportBatchItemFailures(true)
                .onFailure(new SqsDlq(props.data().queue(stream.onFailureQueue())));
        if (!stream.filters().isEmpty()) {
            source.filters(stream.filters().stream().map(pattern -> Map.<String, Object>of("pattern", pattern)).toList());
        }
        live.addEventSource(source.build());
    }

    private void schedule(FunctionSpec spec, IFunction live, Trigger.Schedule schedule) {
        Rule.Builder.create(this, spec.id() + "-schedule")
                .description("Runs " + spec.id() + " every " + schedule.rateMinutes() + " minute(s)")
                .schedule(software.amazon.awscdk.services.events.Schedule.rate(Duration.minutes(schedule.rateMinutes())))
                .targets(List.of(new LambdaFunction(live)))
                .build();
    }

    /**
     * Invokes the function once the stack is deployed, and again whenever its code changes; a failure fails
     * the deployment. It runs the function's latest code, not the SnapStart alias: it is not on a hot path.
     * It waits for what it prepares (the database's writer, the keys' secret) to be fully created.
     */
    private void afterDeploy(FunctionSpec spec, Props props) {
        Function function = props.functions().functions().get(spec.id());
        software.amazon.awscdk.triggers.Trigger.Builder.create(this, spec.id() + "-after-deploy")
                .handler(function)
                .timeout(Duration.seconds(spec.sizing().timeoutSeconds()))
                .executeAfter(props.deployedFirst())
                .build();
    }

    /**
     * @param declaration its SQS, Kafka and schedule triggers become event sources and rules
     * @param functions   the deployed functions
     * @param data        the queues consumed and the Kafka failure queues
     * @param streaming   required when a deployed function consumes Kafka
     * @param deployedFirst what functions run after a deployment wait for (the data stores they prepare)
     */
    public record Props(Declaration declaration, Functions functions, Data data, Streaming streaming,
                        List<Construct> deployedFirst, GuardRails guardRails) {
        public Props {
            Objects.requireNonNull(guardRails, "guardRails");
            deployedFirst = deployedFirst == null ? List.of() : List.copyOf(deployedFirst);
            Objects.requireNonNull(declaration, "declaration");
            Objects.requireNonNull(functions, "functions");
            Objects.requireNonNull(data, "data");
            if (streaming == null) {
                declaration.deployedFunctions().stream().filter(f -> f.trigger() instanceof Trigger.Kafka).findFirst()
                        .ifPresent(f -> {
                            throw new IllegalArgumentException(f.id() + " consumes Kafka but no cluster was given");
                        });
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private Declaration declaration;
            private Functions functions;
            private Data data;
            private Streaming streaming;
            private List<Construct> deployedFirst;
            private GuardRails guardRails = GuardRails.accountDefaults();

            public Builder guardRails(GuardRails guardRails) {
                this.guardRails = guardRails;
                return this;
            }

            public Builder declaration(Declaration declaration) {
                this.declaration = declaration;
                return this;
            }

            public Builder functions(Functions functions) {
                this.functions = functions;
                return this;
            }

            public Builder data(Data data) {
                this.data = data;
                return this;
            }

            public Builder streaming(Streaming streaming) {
                this.streaming = streaming;
                return this;
            }

            public Builder deployedFirst(List<Construct> deployedFirst) {
                this.deployedFirst = deployedFirst;
                return this;
            }

            public Props build() {
                return new Props(declaration, functions, data, streaming, deployedFirst, guardRails);
            }
        }
    }
}
