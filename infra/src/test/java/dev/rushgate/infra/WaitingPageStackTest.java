package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The waiting page: the repository's one folder, in a private bucket that only CloudFront can read and that
 * goes with the stack.
 */
class WaitingPageStackTest {

    private final Template template = SynthesizedStacks.template(SynthesizedStacks.RUSHGATE);
    private final TemplateQueries queries = new TemplateQueries(template);

    @Test
    void keepsTheBucketPrivate_andLetsOnlyThisDistributionReadIt() {
        template.hasResourceProperties("AWS::S3::Bucket", Map.of("PublicAccessBlockConfiguration", Map.of(
                "BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
        template.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow", "Action", "s3:GetObject",
                        "Principal", Map.of("Service", "cloudfront.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("AWS:SourceArn", Match.anyValue())))))))));
        var behaviour = Match.objectLike(Map.of("ViewerProtocolPolicy", "redirect-to-https"));
        var origin = Match.objectLike(Map.of("OriginAccessControlId", Match.anyValue()));
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig",
                Match.objectLike(Map.of("DefaultCacheBehavior", behaviour, "Origins", Match.arrayWith(List.of(origin))))));
    }

    @Test
    void deploysThePageUnderWaiting_withAConfigSendingItsCallsToItsOwnOrigin_andRevalidatedByBrowsers() {
        var deployments = queries.resources("Custom::CDKBucketDeployment").values().stream()
                .map(TemplateQueries::properties).filter(d -> WaitingPage.PREFIX.equals(d.get("DestinationBucketKeyPrefix")))
                .toList();

        assertThat(deployments).singleElement().satisfies(d -> {
            assertThat(d.get("DestinationBucketKeyPrefix")).isEqualTo(WaitingPage.PREFIX);
            assertThat((List<?>) d.get("SourceObjectKeys")).hasSize(2);
            assertThat(d.get("SystemMetadata")).isEqualTo(Map.of("cache-control", "no-cache"));
            assertThat(d.get("DistributionPaths")).isEqualTo(List.of("/waiting/*"));
            // config.json is {"api":""}: the page calls /v1/... on the distribution, which serves the API (EdgeApi)
            assertThat(String.valueOf(d.get("SourceMarkers"))).isEqualTo("[{}, {}]");
        });
    }

    @Test
    void rewritesFolderAddressesToTheirIndexPage_onEveryViewerRequest() throws Exception {
        // given the viewer-request function of the distribution's default behaviour, run by node as CloudFront would
        var functions = queries.resources("AWS::CloudFront::Function").values().stream()
                .map(TemplateQueries::properties).toList();
        assertThat(functions).singleElement().satisfies(f -> assertThat(f.get("FunctionConfig"))
                .isEqualTo(Map.of("Comment", "Serves index.html for addresses that end in a folder", "Runtime", "cloudfront-js-2.0")));
        template.hasResourceProperties("AWS::CloudFront::Distribution", Map.of("DistributionConfig", Match.objectLike(Map.of(
                "DefaultCacheBehavior", Match.objectLike(Map.of("FunctionAssociations", List.of(Match.objectLike(
                        Map.of("EventType", "viewer-request")))))))));
        String code = (String) functions.getFirst().get("FunctionCode");
        Assumptions.assumeTrue(new ProcessBuilder("node", "--version").start().waitFor() == 0, "node is not installed");

        // when it sees these addresses
        String script = code + """
                const uris = ['/waiting', '/waiting/', '/waiting/index.html', '/waiting/app.js', '/waiting/config.json'];
                console.log(uris.map(u => handler({request: {uri: u}}).uri).join(' '));
                """;
        Process node = new ProcessBuilder("node", "-e", script).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes()).strip();

        // then folders get their index page and files are left alone
        assertThat(node.waitFor()).as(out).isZero();
        assertThat(out).isEqualTo("/waiting/index.html /waiting/index.html /waiting/index.html /waiting/app.js "
                + "/waiting/config.json");
    }

    @Test
    void shipsTheSameFilesTheLocalStackServes() throws IOException {
        // given the app synthesized to a cloud assembly
        RushgateStack stack = SynthesizedStacks.synthesized(SynthesizedStacks.RUSHGATE);
        Path assembly = Path.of(((App) stack.getNode().getRoot()).synth().getDirectory());

        // when the page's asset is looked for in it
        byte[] script = Files.readAllBytes(Path.of("..", "waiting-page", "waiting.js"));
        List<Path> staged;
        try (Stream<Path> files = Files.list(assembly)) {
            staged = files.filter(p -> Files.isRegularFile(p.resolve("waiting.js"))).toList();
        }

        // then one asset folder holds the page, byte for byte
        assertThat(staged).singleElement().satisfies(folder -> {
            assertThat(Files.readAllBytes(folder.resolve("waiting.js"))).isEqualTo(script);
            assertThat(folder.resolve("index.html")).exists();
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void letsBrowsersCallTheApi_andReadRetryAfter() {
        var api = queries.resources("AWS::ApiGatewayV2::Api").values().stream().map(TemplateQueries::properties)
                .findFirst().orElseThrow();

        Map<String, Object> cors = (Map<String, Object>) api.get("CorsConfiguration");
        assertThat(cors.get("ExposeHeaders")).isEqualTo(List.of("retry-after"));
        assertThat((List<Object>) cors.get("AllowHeaders")).contains("authorization", "x-admission-token");
        assertThat(cors).doesNotContainKey("AllowCredentials");
    }

    @Test
    void deletesTheBucketWithTheStack_afterCdkEmptiesIt() {
        // given the bucket the page is deployed to
        var deployment = queries.resources("Custom::CDKBucketDeployment").values().stream()
                .map(TemplateQueries::properties).findFirst().orElseThrow();
        String bucket = TemplateQueries.refs(deployment.get("DestinationBucketName")).iterator().next();

        // when
        Map<String, Object> resource = queries.resources("AWS::S3::Bucket").get(bucket);
        var autoDeletes = queries.resources("Custom::S3AutoDeleteObjects").values().stream()
                .map(TemplateQueries::properties).toList();

        // then CloudFormation deletes it, and CDK's custom resource empties it first (a bucket with objects fails)
        assertThat(resource.get("DeletionPolicy")).isEqualTo("Delete");
        assertThat(resource.get("UpdateReplacePolicy")).isEqualTo("Delete");
        assertThat(autoDeletes).singleElement().satisfies(a ->
                assertThat(TemplateQueries.refs(a.get("BucketName"))).containsExactly(bucket));
    }

    @Test
    void outputsThePageUrl() {
        assertThat(template.findOutputs("WaitingPageUrl")).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void putsAFirewallWithARateBasedRuleInFrontOfThePage_answering429ProblemJson_inUsEast1() throws Exception {
        var queries = new TemplateQueries(template);
        var acls = queries.resources("AWS::WAFv2::WebACL");

        assertThat(acls).hasSize(1);
        String aclId = acls.keySet().iterator().next();
        Map<String, Object> acl = acls.get(aclId);
        // CloudFront's web ACLs live in us-east-1: made, and attached, only there
        assertThat(acl.get("Condition")).isNotNull();
        Map<String, Object> props = properties(acl);
        assertThat(props.get("Scope")).isEqualTo("CLOUDFRONT");
        Map<String, Object> rule = ((List<Map<String, Object>>) props.get("Rules")).getFirst();
        Map<String, Object> rate = (Map<String, Object>) ((Map<String, Object>) rule.get("Statement")).get("RateBasedStatement");
        assertThat(rate).containsEntry("AggregateKeyType", "IP").containsEntry("Limit", 1000);
        // the page's files only: API calls from one carrier's NAT would exhaust it, and the route throttles bound them
        assertThat(String.valueOf(rate.get("ScopeDownStatement"))).contains("NotStatement", "STARTS_WITH", "/v1/");
        Map<String, Object> response = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) rule.get("Action"))
                .get("Block")).get("CustomResponse");
        assertThat(response).containsEntry("ResponseCode", 429);
        assertThat(String.valueOf(response.get("ResponseHeaders"))).contains("Retry-After");
        String body = (String) ((Map<String, Object>) ((Map<String, Object>) props.get("CustomResponseBodies"))
                .get("throttled")).get("Content");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("code").asText())
                .isEqualTo("throttled");
        Map<String, Object> distribution = properties(queries.resources("AWS::CloudFront::Distribution").values()
                .iterator().next());
        assertThat(TemplateQueries.refs(((Map<String, Object>) distribution.get("DistributionConfig")).get("WebACLId")))
                .contains(aclId);
    }
}
