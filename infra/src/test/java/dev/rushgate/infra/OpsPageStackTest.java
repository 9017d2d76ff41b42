package dev.rushgate.infra;

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
import software.amazon.awscdk.assertions.Template;

/**
 * The operations page: the repository's {@code ops-page/} on the waiting page's bucket under {@code ops/}, served
 * by the same distribution at {@code /ops/*}, its calls going to the API on the same origin.
 */
class OpsPageStackTest {

    private final Template template = SynthesizedStacks.template(SynthesizedStacks.RUSHGATE);
    private final TemplateQueries queries = new TemplateQueries(template);

    private Map<String, Object> deployment(String prefix) {
        return queries.resources("Custom::CDKBucketDeployment").values().stream().map(TemplateQueries::properties)
                .filter(d -> prefix.equals(d.get("DestinationBucketKeyPrefix"))).findFirst().orElseThrow();
    }

    @Test
    void deploysThePageUnderOps_onTheWaitingPagesBucket_andInvalidatesOpsOnTheSameDistribution() {
        // given the two pages' deployments
        Map<String, Object> ops = deployment(OpsPage.PREFIX);
        Map<String, Object> waiting = deployment(WaitingPage.PREFIX);

        // then the operations page goes to the same bucket and distribution, revalidated, with its config.json
        assertThat(TemplateQueries.refs(ops.get("DestinationBucketName")))
                .isEqualTo(TemplateQueries.refs(waiting.get("DestinationBucketName"))).hasSize(1);
        assertThat(TemplateQueries.refs(ops.get("DistributionId")))
                .isEqualTo(TemplateQueries.refs(waiting.get("DistributionId")))
                .containsExactlyElementsOf(queries.resources("AWS::CloudFront::Distribution").keySet());
        assertThat(ops.get("DistributionPaths")).isEqualTo(List.of("/ops/*"));
        assertThat(ops.get("SystemMetadata")).isEqualTo(Map.of("cache-control", "no-cache"));
        assertThat((List<?>) ops.get("SourceObjectKeys")).hasSize(2);
        assertThat(template.findOutputs("OpsPageUrl")).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void servesOpsThroughTheDefaultBehaviour_fromTheBucketTheOpsPageIsDeployedTo() {
        // given the distribution and the bucket the page is deployed to
        var distribution = TemplateQueries.properties(queries.resources("AWS::CloudFront::Distribution").values()
                .iterator().next());
        var config = (Map<String, Object>) distribution.get("DistributionConfig");
        String bucket = TemplateQueries.refs(deployment(OpsPage.PREFIX).get("DestinationBucketName")).iterator().next();

        // then no other behaviour claims /ops/*, and the default one (HTTPS only) reads that very bucket
        var behaviours = (List<Map<String, Object>>) config.getOrDefault("CacheBehaviors", List.of());
        assertThat(behaviours).noneSatisfy(b -> assertThat(String.valueOf(b.get("PathPattern"))).startsWith("/ops"));
        var defaults = (Map<String, Object>) config.get("DefaultCacheBehavior");
        assertThat(defaults.get("ViewerProtocolPolicy")).isEqualTo("redirect-to-https");
        var origins = (List<Map<String, Object>>) config.get("Origins");
        var origin = origins.stream().filter(o -> o.get("Id").equals(defaults.get("TargetOriginId"))).findFirst()
                .orElseThrow();
        assertThat(TemplateQueries.refs(origin.get("DomainName"))).containsExactly(bucket);
    }

    @Test
    void rewritesOpsToItsIndexPage() throws Exception {
        String code = (String) TemplateQueries.properties(queries.resources("AWS::CloudFront::Function").values()
                .iterator().next()).get("FunctionCode");
        Assumptions.assumeTrue(new ProcessBuilder("node", "--version").start().waitFor() == 0, "node is not installed");

        String script = code + """
                const uris = ['/ops', '/ops/', '/ops/vendor/uPlot.iife.min.js'];
                console.log(uris.map(u => handler({request: {uri: u}}).uri).join(' '));
                """;
        Process node = new ProcessBuilder("node", "-e", script).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes()).strip();

        assertThat(node.waitFor()).as(out).isZero();
        assertThat(out).isEqualTo("/ops/index.html /ops/index.html /ops/vendor/uPlot.iife.min.js");
    }

    @Test
    void shipsTheSameFilesTheLocalStackServes_vendoredChartLibraryIncluded() throws IOException {
        RushgateStack stack = SynthesizedStacks.stack(SynthesizedStacks.RUSHGATE, s -> { });
        Path assembly = Path.of(((App) stack.getNode().getRoot()).synth().getDirectory());

        byte[] script = Files.readAllBytes(Path.of("..", "ops-page", "ops.js"));
        List<Path> staged;
        try (Stream<Path> files = Files.list(assembly)) {
            staged = files.filter(p -> Files.isRegularFile(p.resolve("ops.js"))).toList();
        }

        assertThat(staged).singleElement().satisfies(folder -> {
            assertThat(Files.readAllBytes(folder.resolve("ops.js"))).isEqualTo(script);
            assertThat(folder.resolve("vendor").resolve("uPlot.iife.min.js")).exists();
            assertThat(folder.resolve("vendor").resolve("LICENSE")).exists();
        });
    }
}
