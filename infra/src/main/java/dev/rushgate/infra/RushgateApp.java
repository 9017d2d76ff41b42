package dev.rushgate.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.wiring.Rushgate;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: {@code cdk synth} (through {@code ./rushgate cdk-app}) or plain
 * {@code java -cp … dev.rushgate.infra.RushgateApp} from the repository root.
 *
 * <p>Context: {@code functionsJar} (default {@code functions/target/functions.jar}), {@code jwtIssuer} and
 * {@code jwtAudience} (default: a Cognito user pool), {@code natGateways} (1), {@code database} and
 * {@code streaming} (create Aurora / MSK before any function uses them; both true in cdk.json), {@code nag}
 * (AWS Solutions checks, default true), {@code waitingPage} (the page's folder, default {@code waiting-page}).
 */
public final class RushgateApp {
    private RushgateApp() {}

    static final String STACK_NAME = "Rushgate";

    public static void main(String[] args) {
        App app = App.Builder.create().context(cdkJsonContextWithoutCli(Path.of("cdk.json"))).build();
        Tags.of(app).add("project", "rushgate");
        new RushgateStack(app, STACK_NAME, RushgateStack.Props.builder()
                .declaration(Rushgate.declaration())
                .functionsJar(Path.of(context(app, "functionsJar", "functions/target/functions.jar")))
                .jwtIssuer(context(app, "jwtIssuer", null))
                .jwtAudience(context(app, "jwtAudience", null))
                .natGateways(Integer.parseInt(context(app, "natGateways", "1")))
                .database(Boolean.parseBoolean(context(app, "database", "true")))
                .streaming(Boolean.parseBoolean(context(app, "streaming", "true")))
                .waitingPage(Path.of(context(app, "waitingPage", "waiting-page")))
                .guardRails(Rushgate.guardRails().with(key -> context(app, key, null), Rushgate.declaration()))
                .stackProps(StackProps.builder()
                        .description("Rushgate: serverless platform for flash-crowd events")
                        .build())
                .build());
        // AWS Solutions rules run on every synth: an unacknowledged finding fails it. They add seconds, so a
        // quick local iteration may switch them off with nag=false (the tests always run them).
        if (Boolean.parseBoolean(context(app, "nag", "true"))) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
        app.synth();
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    /**
     * The CLI hands cdk.json's context over in CDK_CONTEXT_JSON; run directly, the app reads it itself so
     * both ways synthesize the same template (feature flags included).
     */
    static Map<String, Object> cdkJsonContextWithoutCli(Path cdkJson) {
        if (System.getenv("CDK_CONTEXT_JSON") != null || !Files.isRegularFile(cdkJson)) return Map.of();
        try {
            JsonNode context = new ObjectMapper().readTree(cdkJson.toFile()).path("context");
            return new ObjectMapper().convertValue(context, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cdkJson, e);
        }
    }
}
