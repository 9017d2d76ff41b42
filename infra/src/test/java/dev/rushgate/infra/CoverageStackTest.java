package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static dev.rushgate.infra.TemplateQueries.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.TableSpec;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every deployed function of the declaration, and nothing else, is in the template with its trigger. */
class CoverageStackTest {

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void deploysOneLambdaPerDeployedFunction_andNoOtherTaggedOne(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));

        // when
        var deployed = template.tagged("AWS::Lambda::Function", ResourceTags.FUNCTION).values();

        // then
        assertThat(deployed).containsExactlyInAnyOrderElementsOf(
                declaration.deployedFunctions().stream().map(FunctionSpec::id).toList());
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void hasExactlyTheDeployedRouteKeys(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        var expected = declaration.deployedFunctions().stream()
                .filter(f -> f.trigger() instanceof Trigger.Http)
                .map(f -> ((Trigger.Http) f.trigger()).routeKey()).toList();

        // when
        var routeKeys = template.resources("AWS::ApiGatewayV2::Route").values().stream()
                .map(r -> (String) properties(r).get("RouteKey")).toList();

        // then
        assertThat(routeKeys).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void mapsEveryQueueAndTopicConsumerToItsLiveAlias(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        var mappings = template.resources("AWS::Lambda::EventSourceMapping").values().stream()
                .map(TemplateQueries::properties).toList();
        Map<String, String> queues = template.tagged("AWS::SQS::Queue", ResourceTags.QUEUE);
        var consumers = declaration.deployedFunctions().stream()
                .filter(f -> f.trigger() instanceof Trigger.Sqs || f.trigger() instanceof Trigger.Kafka
                        || f.trigger() instanceof Trigger.DynamoStream).toList();
        Map<String, String> tables = template.tagged("AWS::DynamoDB::Table", ResourceTags.TABLE);

        // then
        assertThat(mappings).hasSameSizeAs(consumers);
        for (FunctionSpec spec : consumers) {
            String alias = template.liveAliasLogicalId(spec.id());
            var mapping = mappings.stream().filter(m -> refs(m.get("FunctionName")).contains(alias)).toList();
            assertThat(mapping).as(spec.id()).singleElement().satisfies(m -> {
                switch (spec.trigger()) {
                    case Trigger.Sqs sqs -> {
                        assertThat(refs(m.get("EventSourceArn"))).containsExactly(logicalId(queues, sqs.queue()));
                        assertThat(((Number) m.get("BatchSize")).intValue()).isEqualTo(sqs.batchSize());
                        assertThat(m.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
                        if (sqs.maxBatchingWindowSeconds() > 0) {
                            assertThat(((Number) m.get("MaximumBatchingWindowInSeconds")).intValue())
                                    .isEqualTo(sqs.maxBatchingWindowSeconds());
                        }
                    }
                    case Trigger.Kafka kafka -> {
                        assertThat(refs(m.get("EventSourceArn")))
                                .containsExactlyElementsOf(template.resources("AWS::MSK::ServerlessCluster").keySet());
                        assertThat(m.get("Topics")).isEqualTo(List.of(kafka.topic()));
                        assertThat(((Number) m.get("BatchSize")).intValue()).isEqualTo(kafka.batchSize());
                        assertThat(refs(m.get("DestinationConfig")))
                                .containsExactly(logicalId(queues, kafka.onFailureQueue()));
                    }
                    case Trigger.DynamoStream stream -> {
                        assertThat(refs(m.get("EventSourceArn"))).containsExactly(logicalId(tables, stream.table()));
                        assertThat(m.get("StartingPosition")).isEqualTo("TRIM_HORIZON");
                        assertThat(((Number) m.get("BatchSize")).intValue()).isEqualTo(stream.batchSize());
                        assertThat(((Number) m.get("MaximumRetryAttempts")).intValue()).isEqualTo(stream.maxRetries());
                        assertThat(m.get("BisectBatchOnFunctionError")).isEqualTo(stream.bisectOnError());
                        assertThat(m.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
                        assertThat(refs(m.get("DestinationConfig")))
                                .containsExactly(logicalId(queues, stream.onFailureQueue()));
                        var filters = m.containsKey("FilterCriteria")
                                ? ((Map<?, ?>) m.get("FilterCriteria")).get("Filters") : List.of();
                        assertThat(((List<?>) filters).stream().map(f -> String.valueOf(((Map<?, ?>) f).get("Pattern")))
                                .toList()).containsExactlyElementsOf(stream.filters());
                    }
                    default -> throw new AssertionError(spec.id());
                }
            });
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void givesATableAStreamOfItsDeclaredViewType_andNoOtherTableAStream(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));

        // when
        Map<String, String> tables = template.tagged("AWS::DynamoDB::Table", ResourceTags.TABLE);

        // then
        for (TableSpec spec : declaration.tables()) {
            var table = properties(template.resources("AWS::DynamoDB::Table").get(logicalId(tables, spec.id())));
            @SuppressWarnings("unchecked")
            var stream = (Map<String, Object>) table.get("StreamSpecification");
            if (spec.hasStream()) {
                assertThat(stream).as(spec.id()).containsEntry("StreamViewType", spec.streamViewType());
            } else {
                assertThat(stream).as(spec.id()).isNull();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void runsEveryScheduleAtItsRateOnTheLiveAlias(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        var rules = template.resources("AWS::Events::Rule").values().stream()
                .map(TemplateQueries::properties).filter(r -> r.containsKey("ScheduleExpression")).toList();
        var scheduled = declaration.deployedFunctions().stream()
                .filter(f -> f.trigger() instanceof Trigger.Schedule).toList();

        // then
        assertThat(rules).hasSameSizeAs(scheduled);
        for (FunctionSpec spec : scheduled) {
            int minutes = ((Trigger.Schedule) spec.trigger()).rateMinutes();
            String alias = template.liveAliasLogicalId(spec.id());
            assertThat(rules).as(spec.id()).filteredOn(r -> refs(r.get("Targets")).contains(alias))
                    .singleElement()
                    .satisfies(r -> assertThat(r.get("ScheduleExpression"))
                            .isEqualTo("rate(" + minutes + (minutes == 1 ? " minute)" : " minutes)")));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void runsEveryDeployFunctionOnceAfterEachDeployment(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        var triggers = template.resources("Custom::Trigger").values().stream()
                .map(TemplateQueries::properties).toList();
        Map<String, String> functions = template.tagged("AWS::Lambda::Function", ResourceTags.FUNCTION);
        var afterDeploy = declaration.deployedFunctions().stream()
                .filter(f -> f.trigger() instanceof Trigger.Deploy).toList();

        // then
        assertThat(afterDeploy).isNotEmpty();
        assertThat(triggers).hasSameSizeAs(afterDeploy);
        for (FunctionSpec spec : afterDeploy) {
            // The trigger invokes a published version of the function: the one its code last changed into.
            String function = logicalId(functions, spec.id());
            var versions = template.resources("AWS::Lambda::Version").entrySet().stream()
                    .filter(v -> refs(properties(v.getValue()).get("FunctionName")).contains(function))
                    .map(Map.Entry::getKey).toList();
            assertThat(triggers).as(spec.id())
                    .filteredOn(t -> refs(t.get("HandlerArn")).stream().anyMatch(versions::contains))
                    .singleElement();
        }
    }

    @org.junit.jupiter.api.Test
    void runsDeployFunctionsOnlyOnceTheDatabaseWriterAndTheKeysSecretExist() {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(SynthesizedStacks.RUSHGATE));
        var writers = template.resources("AWS::RDS::DBInstance").keySet();
        var secrets = template.resources("AWS::SecretsManager::Secret").keySet();

        // then
        assertThat(writers).isNotEmpty();
        assertThat(template.resources("Custom::Trigger").values()).isNotEmpty().allSatisfy(trigger -> {
            @SuppressWarnings("unchecked")
            List<String> dependsOn = (List<String>) trigger.get("DependsOn");
            assertThat(dependsOn).containsAll(writers).containsAll(secrets);
        });
    }

    @org.junit.jupiter.api.Test
    void sharesOneSecurityGroupPerReach_soTheStackStaysWellUnderCloudFormationsLimit() {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(SynthesizedStacks.RUSHGATE));
        var reaches = SynthesizedStacks.RUSHGATE.deployedFunctions().stream().filter(Functions::needsVpc)
                .map(f -> List.of(f.needs().cache(), f.needs().database(), Functions.usesKafka(f))).distinct().count();

        // then: the functions' groups, plus the cache's, the database's, Kafka's and the VPC's default rule
        long functionGroups = template.resources("AWS::EC2::SecurityGroup").values().stream()
                .map(TemplateQueries::properties)
                .filter(g -> String.valueOf(g.get("GroupDescription")).startsWith("Lambda functions that reach"))
                .count();
        assertThat(functionGroups).isEqualTo(reaches);
        // (the resources per template are LayoutStackTest's: one nested stack per feature keeps each well under 500)
    }

    private static String logicalId(Map<String, String> tagged, String id) {
        return tagged.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("nothing tagged " + id));
    }
}
