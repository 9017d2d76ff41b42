package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The waiting page: the repository's one folder, in a private bucket that only CloudFront can read. */
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
                Match.objectLike(Map.of("DefaultCacheBehavior", behaviour, "Origins", List.of(origin)))));
    }

    @Test
    void deploysThePageUnderWaiting_withAConfigNamingTheApi_andRevalidatedByBrowsers() {
        var deployments = queries.resources("Custom::CDKBucketDeployment").values().stream()
                .map(TemplateQueries::properties).toList();
        String httpApi = queries.resources("AWS::ApiGatewayV2::Api").keySet().iterator().next();

        assertThat(deployments).singleElement().satisfies(d -> {
            assertThat(d.get("DestinationBucketKeyPrefix")).isEqualTo(WaitingPage.PREFIX);
            assertThat((List<?>) d.get("SourceObjectKeys")).hasSize(2);
            assertThat(d.get("SystemMetadata")).isEqualTo(Map.of("cache-control", "no-cache"));
            assertThat(d.get("DistributionPaths")).isEqualTo(List.of("/waiting/*"));
            assertThat(TemplateQueries.refs(d.get("SourceMarkers"))).as("config.json names the API URL").contains(httpApi);
        });
    }

    @Test
    void shipsTheSameFilesTheLocalStackServes() throws IOException {
        // given the app synthesized to a cloud assembly
        RushgateStack stack = SynthesizedStacks.stack(SynthesizedStacks.RUSHGATE, s -> { });
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
    void outputsThePageUrl() {
        assertThat(template.findOutputs("WaitingPageUrl")).hasSize(1);
    }
}
