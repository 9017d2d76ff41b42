package dev.rushgate.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.wiring.Declaration;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.sqs.Queue;

/** The AWS Solutions rules pass, with every exception acknowledged in the code next to a written reason. */
class NagStackTest {

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void passesTheAwsSolutionsChecks_withEveryExceptionAcknowledged(Declaration declaration) throws IOException {
        // given
        RushgateStack stack = SynthesizedStacks.stack(declaration, s -> { });
        App app = (App) stack.getNode().getRoot();
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

        // when
        Path assembly = Path.of(app.synth().getDirectory());

        // then
        JsonNode report = new ObjectMapper().readTree(assembly.resolve("validation-report.json").toFile());
        JsonNode nag = report.path("pluginReports").get(0);
        assertThat(nag.path("conclusion").asText()).isEqualTo("success");
        assertThat(nag.path("violations")).isEmpty();
        for (JsonNode acknowledged : nag.path("suppressedViolations")) {
            assertThat(acknowledged.path("reason").asText()).as(acknowledged.path("ruleName").asText())
                    .hasSizeGreaterThan(20);
        }
    }

    @Test
    void failsSynthesis_whenAResourceBreaksARuleNobodyAcknowledged() {
        // given a queue without a dead-letter queue or TLS enforcement, slipped in beside the declaration
        RushgateStack stack = SynthesizedStacks.stack(SynthesizedStacks.RUSHGATE, s -> new Queue(s, "Stray"));
        App app = (App) stack.getNode().getRoot();
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

        // when / then
        assertThatThrownBy(app::synth).hasMessageContaining("Validation failed");
    }
}
