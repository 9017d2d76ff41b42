package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static dev.rushgate.infra.TemplateQueries.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.rushgate.wiring.DeadLetterSource;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Needs;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FunctionsStackTest {

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void publishesEveryDeployedFunctionWithSnapStart_behindAliasLiveOnItsVersion(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            // when
            Map<String, Object> function = template.function(spec.id());
            String alias = template.liveAliasLogicalId(spec.id());
            Set<String> aliasTargets = refs(properties(template.resources("AWS::Lambda::Alias").get(alias))
                    .get("FunctionVersion"));
            var versions = template.resources("AWS::Lambda::Version");

            // then
            assertThat(function.get("SnapStart")).as(spec.id()).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
            assertThat(function).as(spec.id())
                    .containsEntry("Runtime", "java21")
                    .containsEntry("Handler", spec.handlerClass());
            assertThat(((Number) function.get("MemorySize")).intValue()).as(spec.id())
                    .isEqualTo(spec.sizing().memoryMb());
            assertThat(((Number) function.get("Timeout")).intValue()).as(spec.id())
                    .isEqualTo(spec.sizing().timeoutSeconds());
            assertThat(aliasTargets).as(spec.id() + " alias live points at a published version")
                    .singleElement().satisfies(version -> {
                        assertThat(versions).containsKey(version);
                        assertThat(refs(properties(versions.get(version)).get("FunctionName")))
                                .containsExactly(template.functionLogicalId(spec.id()));
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void setsExactlyTheEnvironmentItsNeedsCallFor(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            // when
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) ((Map<?, ?>) template.function(spec.id()).get("Environment"))
                    .get("Variables");

            // then
            assertThat(variables.keySet()).as(spec.id()).containsExactlyInAnyOrderElementsOf(expectedNames(declaration, spec));
            assertThat(variables.get(EnvNames.SERVICE)).as(spec.id()).isEqualTo(spec.id());
            assertThat(variables.get(EnvNames.METRICS_NAMESPACE)).isEqualTo("Rushgate");
            assertThat(variables.get(EnvNames.FEATURES)).isEqualTo(String.join(",", declaration.features()));
            assertThat(variables.get("JAVA_TOOL_OPTIONS")).isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
            if (spec.needs().cache()) {
                assertThat(variables.get(EnvNames.REDIS_TLS)).isEqualTo("true");
                assertThat(variables.get(EnvNames.REDIS_CLUSTER)).isEqualTo("true");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void putsOnlyFunctionsThatUseCacheDatabaseKafkaOrSearchInTheVpc(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            // when
            boolean inVpc = template.function(spec.id()).containsKey("VpcConfig");

            // then
            Needs needs = spec.needs();
            boolean kafka = !needs.producesTo().isEmpty() || !needs.lagOf().isEmpty()
                    || spec.trigger() instanceof Trigger.Kafka;
            assertThat(inVpc).as(spec.id()).isEqualTo(needs.cache() || needs.database() || kafka || needs.search());
        }
    }

    private static Set<String> expectedNames(Declaration declaration, FunctionSpec spec) {
        Needs needs = spec.needs();
        Set<String> names = new HashSet<>(Set.of(EnvNames.SERVICE, EnvNames.METRICS_NAMESPACE, "JAVA_TOOL_OPTIONS",
                EnvNames.FEATURES));
        needs.tables().forEach(t -> names.add(EnvNames.table(t)));
        needs.sendsTo().forEach(q -> names.add(EnvNames.queueUrl(q)));
        needs.watches().forEach(q -> names.addAll(Set.of(EnvNames.queueUrl(q),
                EnvNames.queueUrl(declaration.queue(q).dlqId()))));
        needs.producesTo().forEach(t -> names.add(EnvNames.topic(t)));
        for (String t : needs.lagOf()) {
            names.add(EnvNames.topic(t));
            declaration.consumersOf(t).forEach(c -> names.add(
                    EnvNames.queueUrl(((Trigger.Kafka) c.trigger()).onFailureQueue())));
        }
        if (needs.cache()) names.addAll(Set.of(EnvNames.REDIS_ENDPOINT, EnvNames.REDIS_TLS, EnvNames.REDIS_CLUSTER));
        if (needs.database()) {
            names.add(EnvNames.DATABASE_URL);
            names.add(Functions.ownsSchema(spec) ? EnvNames.DATABASE_SECRET : EnvNames.DATABASE_IAM_USER);
        }
        if (!needs.producesTo().isEmpty() || !needs.lagOf().isEmpty() || spec.trigger() instanceof Trigger.Kafka) {
            names.addAll(Set.of(EnvNames.KAFKA_BOOTSTRAP, EnvNames.KAFKA_IAM));
        }
        if (needs.admissionKeys().reads()) names.add(EnvNames.ADMISSION_KEYS);
        if (needs.deadLetters()) {
            for (DeadLetterSource source : declaration.deadLetterSources()) {
                names.add(EnvNames.queueUrl(source.holdingQueue()));
                if (source.kind() == DeadLetterSource.Kind.QUEUE) names.add(EnvNames.queueUrl(source.name()));
                if (source.kind() == DeadLetterSource.Kind.STREAM) names.add(EnvNames.table(source.name()));
            }
        }
        if (needs.payments()) names.addAll(Set.of(EnvNames.PAYMENTS_URL, EnvNames.PAYMENTS_SECRET));
        if (needs.adminWebhook()) names.add(EnvNames.ADMIN_WEBHOOK);
        if (needs.inspects()) {
            names.addAll(Set.of(EnvNames.BEDROCK_MODEL_ID, EnvNames.BEDROCK_GUARDRAIL_ID,
                    EnvNames.BEDROCK_GUARDRAIL_VERSION));
        }
        if (needs.search()) names.addAll(Set.of(EnvNames.SEARCH_ENDPOINT, EnvNames.SEARCH_SIGNED));
        // the feed's settings reach every function of the feature, and only those
        if (spec.feature().equals("feed")) {
            names.addAll(Set.of(EnvNames.FEED_CATEGORIES, EnvNames.FEED_LOUD_AUTHOR_FOLLOWERS));
        }
        return names;
    }
}
