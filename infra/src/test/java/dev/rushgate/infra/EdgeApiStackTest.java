package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;

/**
 * The API through the waiting page's distribution, at /v1/*: uncached, every viewer header but Host, and API Gateway's
 * own throttled answer reshaped into problem+json by a Lambda@Edge function in us-east-1 (when the region is known, as
 * it is under the CDK CLI).
 */
class EdgeApiStackTest {

    private static RushgateStack regional;
    private static CloudAssembly assembly;

    @BeforeAll
    static void synthesizeInSeoul() {
        // as `cdk deploy` from a profile in ap-northeast-2 would: the region known, the account not looked up
        regional = SynthesizedStacks.stack(SynthesizedStacks.RUSHGATE,
                props -> props.stackProps(RushgateApp.stackProps("ap-northeast-2")), s -> { });
        App app = (App) regional.getNode().getRoot();
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
        assembly = app.synth();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> apiBehaviour(Template template) {
        Map<String, Object> distribution = properties(template.findResources("AWS::CloudFront::Distribution").values()
                .iterator().next());
        var config = (Map<String, Object>) distribution.get("DistributionConfig");
        return ((List<Map<String, Object>>) config.get("CacheBehaviors")).stream()
                .filter(b -> EdgeApi.PATH.equals(b.get("PathPattern"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + EdgeApi.PATH + " behaviour"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void servesTheApiUnderV1_uncached_withEveryViewerHeaderButHost_overHttpsOnly() {
        Template template = SynthesizedStacks.template(SynthesizedStacks.RUSHGATE);
        Map<String, Object> behaviour = apiBehaviour(template);

        assertThat(behaviour.get("CachePolicyId")).isEqualTo(CachePolicy.CACHING_DISABLED.getCachePolicyId());
        assertThat(behaviour.get("OriginRequestPolicyId"))
                .isEqualTo(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.getOriginRequestPolicyId());
        assertThat((List<String>) behaviour.get("AllowedMethods")).contains("POST", "PUT", "DELETE", "GET");
        assertThat(behaviour.get("ViewerProtocolPolicy")).isEqualTo("https-only");
        // its origin is the HTTP API's own host
        String originId = (String) behaviour.get("TargetOriginId");
        Map<String, Object> config = (Map<String, Object>) properties(template.findResources(
                "AWS::CloudFront::Distribution").values().iterator().next()).get("DistributionConfig");
        Map<String, Object> origin = ((List<Map<String, Object>>) config.get("Origins")).stream()
                .filter(o -> originId.equals(o.get("Id"))).findFirst().orElseThrow();
        String httpApi = template.findResources("AWS::ApiGatewayV2::Api").keySet().iterator().next();
        assertThat(TemplateQueries.refs(origin.get("DomainName"))).contains(httpApi);
        assertThat(String.valueOf(origin.get("CustomOriginConfig"))).contains("https-only", "TLSv1.2");
        assertThat(template.findOutputs("CdnApiUrl")).hasSize(1);
        // synthesized without a region there is no Lambda@Edge function (and synthesis warns)
        assertThat(behaviour).doesNotContainKey("LambdaFunctionAssociations");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withTheRegionKnown_reshapesApiGatewaysOwn429_byALambdaAtEdgeFunctionInUsEast1() {
        // the function's own stack, in us-east-1
        Stack edge = (Stack) regional.getNode().getRoot().getNode().findChild(EdgeApi.EDGE_STACK);
        assertThat(edge.getRegion()).isEqualTo("us-east-1");
        Template edgeTemplate = Template.fromStack(edge);
        Map<String, Object> function = properties(edgeTemplate.findResources("AWS::Lambda::Function").values()
                .stream().filter(f -> String.valueOf(properties(f).get("Description")).contains("problem+json"))
                .findFirst().orElseThrow());
        assertThat(function.get("Runtime")).isEqualTo("nodejs22.x");
        assertThat(((Map<String, Object>) function.get("Code")).get("ZipFile")).isEqualTo(EdgeApi.THROTTLED_ANSWER);
        // Lambda@Edge's replicas run under edgelambda.amazonaws.com
        assertThat(String.valueOf(edgeTemplate.findResources("AWS::IAM::Role"))).contains("edgelambda.amazonaws.com");

        // and the API's behaviour calls it on every origin response
        Map<String, Object> behaviour = apiBehaviour(Template.fromStack(regional));
        assertThat(String.valueOf(behaviour.get("LambdaFunctionAssociations"))).contains("origin-response");
        assertThat(regional.getDependencies()).contains(edge);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withTheRegionKnown_putsTheWebAclInUsEast1_andAttachesIt_whereverTheStackIs() {
        // in Seoul: the web ACL in the us-east-1 stack, unconditional, read by the distribution across regions
        Stack edge = (Stack) regional.getNode().getRoot().getNode().findChild(EdgeApi.EDGE_STACK);
        var acls = Template.fromStack(edge).findResources("AWS::WAFv2::WebACL");
        assertThat(acls).hasSize(1);
        assertThat(acls.values().iterator().next()).doesNotContainKey("Condition");
        assertThat(properties(acls.values().iterator().next()).get("Scope")).isEqualTo("CLOUDFRONT");
        Template main = Template.fromStack(regional);
        assertThat(main.findResources("AWS::WAFv2::WebACL")).isEmpty();
        var config = (Map<String, Object>) properties(main.findResources("AWS::CloudFront::Distribution").values()
                .iterator().next()).get("DistributionConfig");
        assertThat(String.valueOf(config.get("WebACLId"))).contains("RushgateEdge", "us-east-1");

        // in us-east-1 itself: everything in the one stack, nothing across regions
        RushgateStack virginia = SynthesizedStacks.stack(SynthesizedStacks.RUSHGATE,
                props -> props.stackProps(RushgateApp.stackProps("us-east-1")), s -> { });
        Template here = Template.fromStack(virginia);
        assertThat(virginia.getNode().getRoot().getNode().tryFindChild(EdgeApi.EDGE_STACK)).isNull();
        assertThat(here.findResources("AWS::WAFv2::WebACL").values()).singleElement()
                .satisfies(acl -> assertThat(acl).doesNotContainKey("Condition"));
        assertThat(String.valueOf(apiBehaviour(here).get("LambdaFunctionAssociations"))).contains("origin-response");
    }

    @Test
    void withTheRegionKnown_bothStacksPassTheAwsSolutionsChecks() throws IOException {
        JsonNode report = new ObjectMapper().readTree(Path.of(assembly.getDirectory(), "validation-report.json").toFile());
        JsonNode nag = report.path("pluginReports").get(0);
        assertThat(nag.path("violations")).as(nag.toPrettyString()).isEmpty();
        assertThat(nag.path("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void theFunctionReshapesApiGatewaysThrottle_andLeavesEveryOtherAnswerAlone() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("node", "--version").start().waitFor() == 0, "node is not installed");
        // given the function's code, run by node with CloudFront's origin-response events
        String script = "const m = {exports: {}}; (function (module, exports) {" + EdgeApi.THROTTLED_ANSWER
                + "})(m, m.exports);" + """
                const event = (status, type, body) => ({Records: [{cf: {response: {status, statusDescription: 'x',
                    headers: Object.assign({'content-length': [{key: 'Content-Length', value: '31'}]},
                        type ? {'content-type': [{key: 'Content-Type', value: type}]} : {}), body}}}]});
                (async () => {
                  const out = [];
                  for (const e of [event('429', 'application/json', undefined),
                                   event('429', 'application/problem+json', undefined),
                                   event('200', 'application/json', undefined),
                                   event('503', 'application/json', undefined)]) {
                    const r = await m.exports.handler(e);
                    out.push({status: r.status, type: r.headers['content-type'] && r.headers['content-type'][0].value,
                      retryAfter: r.headers['retry-after'] && r.headers['retry-after'][0].value,
                      length: !!r.headers['content-length'], body: r.body ? JSON.parse(r.body) : null});
                  }
                  console.log(JSON.stringify(out));
                })();
                """;
        Process node = new ProcessBuilder("node", "-e", script).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes()).strip();
        assertThat(node.waitFor()).as(out).isZero();
        JsonNode answers = new ObjectMapper().readTree(out);

        // then API Gateway's own 429 becomes problem+json `throttled` with Retry-After
        JsonNode throttled = answers.get(0);
        assertThat(throttled.path("status").asText()).isEqualTo("429");
        assertThat(throttled.path("type").asText()).isEqualTo("application/problem+json");
        assertThat(throttled.path("retryAfter").asText()).isEqualTo("1");
        assertThat(throttled.path("length").asBoolean()).as("the old body's length is dropped").isFalse();
        assertThat(throttled.path("body").path("code").asText()).isEqualTo("throttled");
        assertThat(throttled.path("body").path("status").asInt()).isEqualTo(429);
        // and Rushgate's own 429 (already problem+json), a success and another error pass unchanged
        for (int i = 1; i < 4; i++) {
            assertThat(answers.get(i).path("body").isNull()).as("answer %d", i).isTrue();
            assertThat(answers.get(i).path("retryAfter").isMissingNode()).as("answer %d", i).isTrue();
            assertThat(answers.get(i).path("length").asBoolean()).as("answer %d", i).isTrue();
        }
    }
}
