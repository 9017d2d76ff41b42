package dev.rushgate.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rushgate.wiring.Declaration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;

/**
 * cfn-lint, AWS's template linter, over every template the app synthesizes (nested ones too): no error, and each
 * warning either fixed or named below with the reason it stays. Skipped, saying so, where cfn-lint is not installed.
 */
class CfnLintStackTest {

    /** The warnings that stay, by rule, each with its reason. Anything else fails. */
    static final Map<String, String> ACCEPTED = Map.of(
            "W3005", "CDK itself writes DependsOn on a function's role and default policy next to the GetAtt of the "
                    + "role; redundant, harmless, and the ordering on the policy is what CDK relies on");

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void findsNoErrors_andOnlyWarningsNamedWithAReason(Declaration declaration) throws Exception {
        // when
        Findings findings = lint(SynthesizedStacks.synthesized(declaration));

        // then
        assertThat(findings.errors()).as("cfn-lint errors").isEmpty();
        assertThat(findings.unexplained()).as("cfn-lint warnings with no reason in ACCEPTED").isEmpty();
    }

    @Test
    void findsNoErrors_inARegionalSynthesis_withTheApisLambdaAtEdgeStack() throws Exception {
        // given the app as `cdk deploy` from a profile in ap-northeast-2 synthesizes it (EdgeApi adds RushgateEdge)
        RushgateStack stack = SynthesizedStacks.stack(SynthesizedStacks.RUSHGATE, props -> props.stackProps(
                RushgateApp.stackProps("ap-northeast-2")), s -> { });

        // when
        Findings findings = lint(stack);

        // then
        assertThat(findings.linted()).anySatisfy(t -> assertThat(t).endsWith(EdgeApi.EDGE_STACK + ".template.json"));
        assertThat(findings.errors()).as("cfn-lint errors").isEmpty();
        assertThat(findings.unexplained()).as("cfn-lint warnings with no reason in ACCEPTED").isEmpty();
    }

    @Test
    void reportsAnError_whenATemplateBreaksARule(@TempDir Path dir) throws Exception {
        // given Rushgate's template with one queue's visibility timeout set beyond SQS's 12 hours
        ObjectNode template = new ObjectMapper().valueToTree(SynthesizedStacks.template(SynthesizedStacks.RUSHGATE)
                .toJSON());
        ObjectNode queue = (ObjectNode) template.path("Resources").properties().stream()
                .filter(r -> r.getValue().path("Type").asText().equals("AWS::SQS::Queue")).findFirst().orElseThrow()
                .getValue();
        ((ObjectNode) queue.withObject("Properties")).put("VisibilityTimeout", 50_000);
        Path broken = dir.resolve("Broken.template.json");
        new ObjectMapper().writeValue(broken.toFile(), template);

        // when / then
        assertThat(lint(List.of(broken.toString())).errors()).anySatisfy(e -> assertThat(e).contains("VisibilityTimeout"));
    }

    record Findings(List<String> linted, List<String> errors, List<String> unexplained) {}

    /** Every template of one synthesis of {@code stack}, linted. */
    private static Findings lint(RushgateStack stack) throws IOException, InterruptedException {
        App app = (App) stack.getNode().getRoot();
        Path assembly = Path.of(app.synth().getDirectory());
        List<String> templates;
        try (Stream<Path> files = Files.list(assembly)) {
            templates = files.map(Path::toString).filter(f -> f.endsWith(".template.json")).sorted().toList();
        }
        assertThat(templates).isNotEmpty();
        return lint(templates);
    }

    private static Findings lint(List<String> templates) throws IOException, InterruptedException {
        String cfnLint = System.getenv().getOrDefault("RUSHGATE_CFN_LINT", "cfn-lint");
        assumeTrue(installed(cfnLint), cfnLint + " is not installed (pip install cfn-lint); skipping the template lint");
        List<String> command = new ArrayList<>(List.of(cfnLint, "--format", "json"));
        command.addAll(templates);
        Process lint = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        JsonNode findings = new ObjectMapper().readTree(lint.getInputStream());
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).isTrue();
        List<String> errors = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        for (JsonNode f : findings) {
            String rule = f.path("Rule").path("Id").asText();
            String where = rule + " " + f.path("Location").path("Path") + ": " + f.path("Message").asText();
            if (f.path("Level").asText().equals("Error")) errors.add(where);
            else if (!ACCEPTED.containsKey(rule)) unexplained.add(where);
        }
        return new Findings(templates, errors, unexplained);
    }

    private static Boolean installed;

    /** Asked once per run: each {@code cfn-lint --version} is a Python start of a second or more. */
    private static synchronized boolean installed(String command) {
        if (installed == null) installed = runs(command);
        return installed;
    }

    private static boolean runs(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
