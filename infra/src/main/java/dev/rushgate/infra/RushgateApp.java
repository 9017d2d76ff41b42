package dev.rushgate.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.Rushgate;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The CDK app: {@code cdk synth} (through {@code ./rushgate cdk-app}) or plain
 * {@code java -cp … dev.rushgate.infra.RushgateApp} from the repository root.
 *
 * <p>Context: {@code functionsJar} (default {@code functions/target/functions.jar}), {@code jwtIssuer} and
 * {@code jwtAudience} (default: a Cognito user pool), {@code features} (comma-separated; default all),
 * {@code natGateways} (1, and 0 whatever it says when no selected function needs the internet), {@code database} and
 * {@code streaming} (create Aurora / MSK before any function uses them; default false), the guard rails' keys
 * ({@code throttle}, {@code throttle.<function>}, {@code reservedConcurrency.<function>},
 * {@code maxConcurrency.<function>}), {@code alarmEmail} (mailed by every alarm), {@code wafRateLimit} (requests per
 * address per 5 minutes to the waiting page, default 1,000), {@code nag} (AWS Solutions checks, default true), {@code region} (default: the CDK CLI's), {@code waitingPage} (the
 * page's folder, default {@code waiting-page}), {@code opsPage} (the operations page's folder, default {@code ops-page}). {@code ./rushgate synth -c key=value …} passes context as cdk does.
 */
public final class RushgateApp {
    private RushgateApp() {}

    static final String STACK_NAME = "Rushgate";

    public static void main(String[] args) {
        synthesize(contextArguments(args), null);
    }

    /**
     * Synthesizes the app with cdk.json's context and {@code context} over it, into {@code outdir} (null: where the
     * CDK CLI asks, {@code CDK_OUTDIR}, else a temporary directory). The rush planner prices an idle month from it.
     *
     * @return the directory the templates were written to
     */
    public static Path synthesize(Map<String, Object> contextOverrides, Path outdir) {
        Map<String, Object> context = new LinkedHashMap<>(cdkJsonContextWithoutCli(Path.of("cdk.json")));
        context.putAll(contextOverrides);
        GuardRails.refuseUnknownKeys(context.keySet(), Rushgate.declaration());
        App.Builder builder = App.Builder.create().context(context);
        if (outdir != null) builder.outdir(outdir.toString());
        App app = builder.build();
        Tags.of(app).add("project", "rushgate");
        Declaration declaration = selected(Rushgate.declaration(), context(app, "features", null));
        new RushgateStack(app, STACK_NAME, RushgateStack.Props.builder()
                .declaration(declaration)
                .functionsJar(Path.of(context(app, "functionsJar", "functions/target/functions.jar")))
                .jwtIssuer(context(app, "jwtIssuer", null))
                .jwtAudience(context(app, "jwtAudience", null))
                .natGateways(Integer.parseInt(context(app, "natGateways", "1")))
                .database(Boolean.parseBoolean(context(app, "database", "false")))
                .streaming(Boolean.parseBoolean(context(app, "streaming", "false")))
                .waitingPage(Path.of(context(app, "waitingPage", "waiting-page")))
                .opsPage(Path.of(context(app, "opsPage", "ops-page")))
                .guardRails(Rushgate.guardRails().with(key -> context(app, key, null), declaration))
                .alarmEmail(context(app, "alarmEmail", null))
                .wafRateLimit(Integer.parseInt(context(app, "wafRateLimit", "1000")))
                .stackProps(stackProps(context(app, "region", System.getenv("CDK_DEFAULT_REGION"))))
                .build());
        // AWS Solutions rules run on every synth: an unacknowledged finding fails it. They add seconds, so a
        // quick local iteration may switch them off with nag=false (the tests always run them).
        if (Boolean.parseBoolean(context(app, "nag", "true"))) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
        return Path.of(app.synth().getDirectory());
    }

    /**
     * The features to deploy, from context {@code features} (comma-separated, e.g. {@code drops,room}); all of them
     * when it is not set. The core (health, dead letters) always comes along.
     */
    static Declaration selected(Declaration declaration, String features) {
        if (features == null || features.isBlank() || features.strip().equals("all")) return declaration;
        return declaration.select(Arrays.stream(features.split(",")).map(String::strip).filter(f -> !f.isEmpty())
                .toList()).complete();
    }

    /** {@code -c key=value} and {@code --context key=value}, as the CDK CLI takes them, for {@code ./rushgate synth}. */
    static Map<String, Object> contextArguments(String[] args) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("-c") && !args[i].equals("--context")) {
                throw new IllegalArgumentException("unknown argument " + args[i] + "; use -c key=value");
            }
            String[] kv = i + 1 < args.length ? args[++i].split("=", 2) : new String[0];
            if (kv.length != 2) throw new IllegalArgumentException("-c needs key=value");
            out.put(kv[0], kv[1]);
        }
        return out;
    }

    /**
     * The stack's properties, in {@code region} when known (context {@code region}, else the CDK CLI's
     * {@code CDK_DEFAULT_REGION}); the account stays the deploying credentials', so nothing is looked up at synthesis.
     * The web ACL and the API's Lambda@Edge function need it, in us-east-1 ({@link EdgeApi}), read across regions when
     * the stack is elsewhere; without a region the stack is region-agnostic.
     */
    static StackProps stackProps(String region) {
        boolean known = region != null && !region.isBlank();
        return StackProps.builder()
                .description("Rushgate: serverless platform for flash-crowd events")
                .env(known ? Environment.builder().region(region.strip()).build() : null)
                // the web ACL and the edge function are read from us-east-1 (RushgateEdge)
                .crossRegionReferences(known && !region.strip().equals(RushgateStack.US_EAST_1))
                .build();
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    /**
     * The CLI hands cdk.json's context over in CDK_CONTEXT_JSON; run directly, the app reads it itself so
     * both ways synthesize the same template (feature flags included).
     */
    public static Map<String, Object> cdkJsonContextWithoutCli(Path cdkJson) {
        if (System.getenv("CDK_CONTEXT_JSON") != null || !Files.isRegularFile(cdkJson)) return Map.of();
        try {
            JsonNode context = new ObjectMapper().readTree(cdkJson.toFile()).path("context");
            return new ObjectMapper().convertValue(context, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + cdkJson, e);
        }
    }
}
