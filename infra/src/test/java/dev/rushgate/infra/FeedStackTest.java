package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static dev.rushgate.infra.TemplateQueries.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed's pieces in the real stack: the posts stream and its two filtered consumers, the guardrail, and Bedrock
 * reachable by the inspecting function alone, on exactly its guardrail and model.
 */
class FeedStackTest {

    private final TemplateQueries template = new TemplateQueries(SynthesizedStacks.template(SynthesizedStacks.RUSHGATE));
    private static TemplateQueries seoul;

    @BeforeAll
    static void synthesizeInSeoul() {
        // in Seoul, and with the upstream's URL given: one more synthesis serves both
        seoul = new TemplateQueries(MergedTemplate.of(SynthesizedStacks.stack(SynthesizedStacks.RUSHGATE,
                Map.of("upstreamUrl", "https://users.internal.example",
                        "feedModelId", "apac.anthropic.claude-haiku-4-5-20251001-v1:0"),
                props -> props.stackProps(RushgateApp.stackProps("ap-northeast-2")), s -> { })));
    }

    /** The warnings synthesis would print for a stack built with {@code context}. */
    private static List<String> warnings(Map<String, Object> context) {
        RushgateStack stack = SynthesizedStacks.stack(SynthesizedStacks.RUSHGATE.select(List.of("feed")), context,
                props -> { }, s -> { });
        return stack.getNode().findAll().stream().flatMap(c -> c.getNode().getMetadata().stream())
                .filter(m -> m.getType().equals("aws:cdk:warning")).map(m -> String.valueOf(m.getData())).toList();
    }

    @Test
    void theDefaultModelIsActive_andOneAtItsEndOfLifeIsWarnedAbout() {
        assertThat(Inspection.DEFAULT_MODEL).isEqualTo(Rushgate.DEFAULT_FEED_MODEL).startsWith("global.");
        assertThat(warnings(Map.of())).noneMatch(w -> w.contains("feedModelId"));
        for (String ended : List.of("anthropic.claude-3-haiku-20240307-v1:0", "us.anthropic.claude-3-haiku-20240307-v1:0")) {
            assertThat(warnings(Map.of("feedModelId", ended))).as(ended)
                    .anyMatch(w -> w.contains("feedModelId " + ended) && w.contains("end of life"));
        }
    }

    private String table(String id) {
        return template.tagged("AWS::DynamoDB::Table", ResourceTags.TABLE).entrySet().stream()
                .filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private Map<String, Object> mapping(String functionId) {
        String alias = template.liveAliasLogicalId(functionId);
        return template.resources("AWS::Lambda::EventSourceMapping").values().stream()
                .map(TemplateQueries::properties).filter(m -> refs(m.get("FunctionName")).contains(alias))
                .findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void postsStreamBothImages_toTwoConsumersWhoseFiltersPassPendingAndPublishedPosts() {
        Map<String, Object> posts = properties(template.resources("AWS::DynamoDB::Table").get(table(Rushgate.POSTS_TABLE)));
        assertThat((Map<String, Object>) posts.get("StreamSpecification"))
                .containsEntry("StreamViewType", "NEW_AND_OLD_IMAGES");

        for (String consumer : List.of("inspect-posts", "fan-out-posts")) {
            Map<String, Object> m = mapping(consumer);
            assertThat(m.get("StartingPosition")).as(consumer).isEqualTo("TRIM_HORIZON");
            assertThat(m.get("BisectBatchOnFunctionError")).as(consumer).isEqualTo(true);
            assertThat(((Number) m.get("MaximumRetryAttempts")).intValue()).as(consumer).isEqualTo(5);
            assertThat(m.get("FunctionResponseTypes")).as(consumer).isEqualTo(List.of("ReportBatchItemFailures"));
            String pattern = String.valueOf(((Map<String, Object>) m.get("FilterCriteria")).get("Filters"));
            assertThat(pattern).as(consumer).contains(consumer.equals("inspect-posts") ? "PENDING_REVIEW" : "PUBLISHED");
        }
    }

    @Test
    void onlyTheInspectorMayCallBedrock_andOnlyItsGuardrailAndModel() {
        String guardrail = template.resources("AWS::Bedrock::Guardrail").keySet().iterator().next();
        for (FunctionSpec f : SynthesizedStacks.RUSHGATE.deployedFunctions()) {
            List<Map<String, Object>> bedrock = template.statementsOf(f.id()).stream()
                    .filter(s -> TemplateQueries.actions(s).stream().anyMatch(a -> a.startsWith("bedrock:"))).toList();
            if (!f.needs().inspects()) {
                assertThat(bedrock).as(f.id() + " calls Bedrock").isEmpty();
                continue;
            }
            assertThat(bedrock).as(f.id()).anySatisfy(s -> {
                assertThat(TemplateQueries.actions(s)).containsExactly("bedrock:ApplyGuardrail");
                assertThat(refs(s.get("Resource"))).contains(guardrail);
            });
            // the global profile in the stack's region; its model in that region and in none, only through the profile
            String model = Inspection.DEFAULT_MODEL.substring("global.".length());
            assertThat(bedrock).as(f.id()).anySatisfy(s -> {
                assertThat(TemplateQueries.actions(s)).containsExactly("bedrock:InvokeModel");
                assertThat(String.valueOf(s.get("Resource"))).contains(":inference-profile/" + Inspection.DEFAULT_MODEL)
                        .doesNotContain("foundation-model").doesNotContain("*");
                assertThat(s).doesNotContainKey("Condition");
            });
            assertThat(bedrock).as(f.id()).anySatisfy(s -> {
                assertThat(TemplateQueries.actions(s)).containsExactly("bedrock:InvokeModel");
                String resources = String.valueOf(s.get("Resource"));
                assertThat(resources).contains("::foundation-model/" + model).contains(":bedrock:::foundation-model/" + model)
                        .doesNotContain("inference-profile/").doesNotContain("*");
                assertThat(String.valueOf(s.get("Condition"))).contains("bedrock:InferenceProfileArn")
                        .contains(":inference-profile/" + Inspection.DEFAULT_MODEL);
            });
            Map<?, ?> env = (Map<?, ?>) ((Map<?, ?>) template.function(f.id()).get("Environment")).get("Variables");
            assertThat(env.get(EnvNames.BEDROCK_MODEL_ID)).isEqualTo(Inspection.DEFAULT_MODEL);
            assertThat(env.get(EnvNames.FEED_CATEGORIES)).isEqualTo(String.join(",", Rushgate.DEFAULT_FEED_CATEGORIES));
            // in the VPC for the cached categories, so Bedrock is reached through the NAT gateway
            assertThat(template.function(f.id())).as(f.id() + " reads the categories' cache").containsKey("VpcConfig");
            assertThat(template.resources("AWS::EC2::NatGateway")).as("a way out to Bedrock").isNotEmpty();
        }
    }

    @Test
    void aGeographicProfileReachesItsModelInEachRegionOfTheGeography_onlyThroughTheProfile() {
        String profile = "apac.anthropic.claude-haiku-4-5-20251001-v1:0";
        List<Map<String, Object>> invoke = seoul.statementsOf("inspect-posts").stream()
                .filter(s -> TemplateQueries.actions(s).contains("bedrock:InvokeModel")).toList();
        assertThat(invoke).hasSize(2).anySatisfy(s -> assertThat(String.valueOf(s.get("Resource")))
                .contains(":inference-profile/" + profile).doesNotContain("*"));
        assertThat(invoke).anySatisfy(s -> {
            assertThat(String.valueOf(s.get("Resource")))
                    .contains(":bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0");
            assertThat(String.valueOf(s.get("Condition"))).contains("bedrock:InferenceProfileArn")
                    .contains(":inference-profile/" + profile);
        });
        Map<?, ?> env = (Map<?, ?>) ((Map<?, ?>) seoul.function("inspect-posts").get("Environment")).get("Variables");
        assertThat(env.get(EnvNames.BEDROCK_MODEL_ID)).isEqualTo(profile);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGuardrailFiltersHarmfulContentAndProfanity_withKoreanCoveredWhereTheRegionIsKnown() {
        Map<String, Object> classic = properties(template.resources("AWS::Bedrock::Guardrail").values().iterator().next());
        Map<String, Object> content = (Map<String, Object>) classic.get("ContentPolicyConfig");
        assertThat(String.valueOf(content.get("FiltersConfig"))).contains("HATE", "INSULTS", "SEXUAL", "VIOLENCE",
                "MISCONDUCT", "PROMPT_ATTACK");
        assertThat(String.valueOf(classic.get("WordPolicyConfig"))).contains("PROFANITY");
        // without a region: the CLASSIC tier (no Korean), no profile
        assertThat(String.valueOf(content.get("ContentFiltersTierConfig"))).contains("CLASSIC");
        assertThat(classic).doesNotContainKey("CrossRegionConfig");

        // in Seoul: the STANDARD tier through the apac guardrail profile, and the profile in the grant
        Map<String, Object> standard = properties(seoul.resources("AWS::Bedrock::Guardrail").values().iterator().next());
        assertThat(String.valueOf(((Map<String, Object>) standard.get("ContentPolicyConfig"))
                .get("ContentFiltersTierConfig"))).contains("STANDARD");
        assertThat(String.valueOf(standard.get("CrossRegionConfig"))).contains("guardrail-profile/apac.guardrail.v1:0");
        assertThat(seoul.statementsOf("inspect-posts")).anySatisfy(s -> assertThat(String.valueOf(s.get("Resource")))
                .contains("guardrail-profile/apac.guardrail.v1:0"));
        assertThat(seoul.resources("AWS::Bedrock::GuardrailVersion")).hasSize(1);
    }

    @Test
    void theDeadLetterOperatorMayReplayThePostsStream_readingItAndWritingItsItemsAgain() {
        String posts = table(Rushgate.POSTS_TABLE);
        List<Map<String, Object>> redrive = template.statementsOf("redrive-dead-letters");
        assertThat(redrive).anySatisfy(s -> {
            assertThat(TemplateQueries.actions(s)).contains("dynamodb:GetRecords", "dynamodb:GetShardIterator");
            assertThat(refs(s.get("Resource"))).contains(posts);
        });
        assertThat(redrive).anySatisfy(s -> {
            assertThat(TemplateQueries.actions(s)).containsExactly("dynamodb:UpdateItem");
            assertThat(refs(s.get("Resource"))).contains(posts);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheRefreshConsumerCallsTheUpstream_throughTheNat_withItsUrlFromContext_andItsRefreshesEndInADlq() {
        FunctionSpec refresh = SynthesizedStacks.RUSHGATE.function("refresh-upstream").orElseThrow();
        assertThat(SynthesizedStacks.RUSHGATE.deployedFunctions().stream().filter(f -> f.needs().upstream())
                .map(FunctionSpec::id)).containsExactly("refresh-upstream");
        assertThat(template.function(refresh.id())).containsKey("VpcConfig");
        assertThat(template.resources("AWS::EC2::NatGateway")).as("a way out to the upstream").isNotEmpty();
        assertThat(template.statementsOf(refresh.id())).flatMap(TemplateQueries::actions)
                .noneMatch(a -> a.startsWith("dynamodb:") || a.startsWith("bedrock:"));
        Map<String, Object> m = mapping(refresh.id());
        assertThat(m.get("FunctionResponseTypes")).isEqualTo(List.of("ReportBatchItemFailures"));
        assertThat(String.valueOf(m.get("ScalingConfig"))).contains("MaximumConcurrency=4");
        String queue = template.tagged("AWS::SQS::Queue", ResourceTags.QUEUE).entrySet().stream()
                .filter(e -> e.getValue().equals(Rushgate.UPSTREAM_REFRESH_QUEUE)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        Map<String, Object> redrive = (Map<String, Object>) properties(template.resources("AWS::SQS::Queue")
                .get(queue)).get("RedrivePolicy");
        assertThat(((Number) redrive.get("maxReceiveCount")).intValue()).isEqualTo(6);

        // without upstreamUrl the function has no URL (and synth warns); with it, the URL given
        Map<?, ?> env = (Map<?, ?>) ((Map<?, ?>) template.function(refresh.id()).get("Environment")).get("Variables");
        assertThat(env.containsKey(EnvNames.UPSTREAM_URL)).as("a URL nobody gave").isFalse();
        Map<?, ?> set = (Map<?, ?>) ((Map<?, ?>) seoul.function(refresh.id()).get("Environment")).get("Variables");
        assertThat(set.get(EnvNames.UPSTREAM_URL)).isEqualTo("https://users.internal.example");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSearchDomainIsPrivateEncryptedAndSignedOnly_withNori_andOnlyTheIndexerAndTheSearchReachIt() {
        Map<String, Object> domain = properties(template.resources("AWS::OpenSearchService::Domain").values()
                .iterator().next());
        assertThat(String.valueOf(domain.get("EngineVersion"))).isEqualTo(Search.ENGINE_VERSION);
        assertThat(domain).containsKey("VPCOptions");
        assertThat(String.valueOf(domain.get("EncryptionAtRestOptions"))).contains("Enabled=true");
        assertThat(String.valueOf(domain.get("NodeToNodeEncryptionOptions"))).contains("Enabled=true");
        assertThat(String.valueOf(domain.get("DomainEndpointOptions"))).contains("EnforceHTTPS=true");
        String policy = String.valueOf(domain.get("AccessPolicies"));
        assertThat(policy).contains(":root").doesNotContain("AWS=*");
        // nori is an optional package on the Service: looked up, then associated with the domain
        assertThat(template.resources("Custom::AWS").values().stream().map(String::valueOf))
                .anyMatch(r -> r.contains("associatePackage"))
                .anyMatch(r -> r.contains("describePackages") && r.contains("analysis-nori"));

        for (FunctionSpec f : SynthesizedStacks.RUSHGATE.deployedFunctions()) {
            List<String> es = template.statementsOf(f.id()).stream().flatMap(s -> TemplateQueries.actions(s).stream())
                    .filter(a -> a.startsWith("es:")).toList();
            Map<?, ?> env = (Map<?, ?>) ((Map<?, ?>) template.function(f.id()).get("Environment")).get("Variables");
            if (!f.needs().search()) {
                assertThat(es).as(f.id() + " reaches search").isEmpty();
                assertThat(env.containsKey(EnvNames.SEARCH_ENDPOINT)).as(f.id()).isFalse();
                continue;
            }
            assertThat(es).as(f.id()).contains("es:ESHttpGet", "es:ESHttpPut").allMatch(a -> a.startsWith("es:ESHttp"));
            assertThat(env.get(EnvNames.SEARCH_SIGNED)).isEqualTo("true");
            assertThat(template.function(f.id())).as(f.id()).containsKey("VpcConfig");
        }
        assertThat(SynthesizedStacks.RUSHGATE.deployedFunctions().stream().filter(f -> f.needs().search())
                .map(FunctionSpec::id)).containsExactlyInAnyOrder("index-posts", "search-posts");
        // and the domain's own alarms: a red cluster, a disk running out
        assertThat(template.resources("AWS::CloudWatch::Alarm").values().stream()
                .map(a -> String.valueOf(properties(a).get("MetricName"))))
                .contains("ClusterStatus.red", "FreeStorageSpace");
    }
}
