package dev.rushgate.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.rushgate.wiring.Access;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Needs;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.Sizing;
import dev.rushgate.wiring.TableSpec;
import dev.rushgate.wiring.TopicSpec;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.Named;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes the stack once per declaration, with cdk.json's context (feature flags) so the template under
 * test is the one {@code cdk deploy} would send. Two declarations: Rushgate's own, and a kitchen sink that
 * uses every trigger and every need, so what the real one does not use yet (Kafka, DynamoDB streams,
 * database) is covered.
 */
final class SynthesizedStacks {
    private SynthesizedStacks() {}

    static final Declaration RUSHGATE = Rushgate.declaration();

    static final Declaration KITCHEN_SINK = new Declaration(
            List.of(
                    http("ping", "GET", "/v1/ping", Access.PUBLIC, Needs.none()),
                    http("fallback", "ANY", Trigger.Http.DEFAULT_PATH, Access.PUBLIC, Needs.none()),
                    http("post-thing", "POST", "/v1/things", Access.USER,
                            Needs.none().writing("things").sending("work").producing("events").withCache()),
                    http("list-things", "GET", "/v1/admin/things", Access.ADMIN,
                            Needs.none().reading("things").withDatabase().usingAdmissionKeys()),
                    http("redrive", "POST", "/v1/admin/failed/{name}", Access.ADMIN,
                            Needs.none().operatingDeadLetters()),
                    http("dev-only", "POST", "/v1/dev/things", Access.LOCAL_ONLY, Needs.none().writing("audit")),
                    new FunctionSpec("do-work", "x.DoWorkSqsHandler", new Trigger.Sqs("work", 10, 0),
                            Needs.none().writing("audit"), Sizing.CONSUMER),
                    new FunctionSpec("count-events", "x.CountEventsKafkaHandler",
                            new Trigger.Kafka("events", 100, "events-failed"),
                            Needs.none().reading("audit").withCache(), Sizing.CONSUMER),
                    new FunctionSpec("feed-things", "x.FeedThingsDynamoHandler",
                            new Trigger.DynamoStream("things", 50, 3, true, "things-failed",
                                    List.of("{\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"PUBLISHED\"]}}}}")),
                            Needs.none(), Sizing.CONSUMER),
                    new FunctionSpec("sweep", "x.SweepScheduledHandler", new Trigger.Schedule(5, 10),
                            Needs.none().rotatingAdmissionKeys(), Sizing.CONSUMER),
                    new FunctionSpec("prepare", "x.PrepareDeployHandler", new Trigger.Deploy(),
                            Needs.none().withDatabase(), Sizing.CONSUMER)),
            List.of(new QueueSpec("work", 180, 3), QueueSpec.failures("events-failed"),
                    QueueSpec.failures("things-failed")),
            List.of(new TopicSpec("events", 3)),
            List.of(new TableSpec("things", "thingId", null).withStream("NEW_AND_OLD_IMAGES"), new TableSpec("audit", "pk", "sk")));

    private static final Map<Declaration, RushgateStack> STACKS = new HashMap<>();
    private static final Map<Declaration, Template> TEMPLATES = new HashMap<>();
    private static Path functionsJar;

    static Stream<Named<Declaration>> declarations() {
        return Stream.of(Named.of("Rushgate's declaration", RUSHGATE), Named.of("the kitchen sink", KITCHEN_SINK));
    }

    /**
     * The stack of {@code declaration} as configured by default, built once per test run and shared by every class
     * that reads it untampered (a synthesis of the whole app takes seconds; the CDK keeps its assembly, so a later
     * {@code synth()} returns the same files). Never add constructs, aspects or validations to it: build one with
     * {@link #stack} instead.
     */
    static synchronized RushgateStack synthesized(Declaration declaration) {
        return STACKS.computeIfAbsent(declaration, d -> stack(d, stack -> { }));
    }

    static synchronized Template template(Declaration declaration) {
        return TEMPLATES.computeIfAbsent(declaration, d -> MergedTemplate.of(synthesized(d)));
    }

    /** A fresh stack; {@code tamper} may change it before synthesis (to prove a check can fail). */
    static RushgateStack stack(Declaration declaration, Consumer<RushgateStack> tamper) {
        return stack(declaration, props -> { }, tamper);
    }

    static RushgateStack stack(Declaration declaration, Consumer<RushgateStack.Props.Builder> configure,
                               Consumer<RushgateStack> tamper) {
        return stack(declaration, Map.of(), configure, tamper);
    }

    /** As {@link #stack(Declaration, Consumer, Consumer)}, with {@code context} over cdk.json's (as {@code -c} does). */
    static RushgateStack stack(Declaration declaration, Map<String, Object> context,
                               Consumer<RushgateStack.Props.Builder> configure, Consumer<RushgateStack> tamper) {
        Map<String, Object> all = new HashMap<>(RushgateApp.cdkJsonContextWithoutCli(cdkJson()));
        all.putAll(context);
        App app = App.Builder.create().context(all).build();
        RushgateStack.Props.Builder props = RushgateStack.Props.builder()
                .declaration(declaration)
                .functionsJar(functionsJar())
                .waitingPage(Path.of("..", "waiting-page"))
                .opsPage(Path.of("..", "ops-page"));
        // As RushgateApp does: Rushgate's own declaration deploys with Rushgate's guard rails.
        if (declaration == RUSHGATE) props.guardRails(Rushgate.guardRails());
        configure.accept(props);
        RushgateStack stack = new RushgateStack(app, "Rushgate", props.build());
        tamper.accept(stack);
        return stack;
    }

    static Path cdkJson() {
        Path cdkJson = Path.of("..", "cdk.json");
        if (!Files.isRegularFile(cdkJson)) throw new IllegalStateException("run from infra/: no " + cdkJson);
        return cdkJson;
    }

    static synchronized Path functionsJar() {
        if (functionsJar == null) {
            try {
                functionsJar = Files.createTempFile("functions", ".jar");
                Files.write(functionsJar, new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
                functionsJar.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return functionsJar;
    }

    private static FunctionSpec http(String id, String method, String path, Access access, Needs needs) {
        return new FunctionSpec(id, "x." + id + "HttpHandler", new Trigger.Http(method, path, access), needs,
                Sizing.API);
    }
}
