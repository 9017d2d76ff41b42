package dev.rushgate.infra.plan;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rushgate.infra.RushgateApp;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.Rushgate;

/**
 * {@code ./rushgate plan}: which limit a rush breaks first, what to raise, what the room changes and what it costs.
 * Exit status 0 when the plan holds, 2 when it does not (a CI gate), 64 for bad arguments.
 */
public final class PlanCommand {
    private PlanCommand() {}

    static final String USAGE = """
            usage: ./rushgate plan --feature drops|tickets|votes|feed|room --users N --window 60s
                                   [--stock N] [--room NAME [--admit N/s]] [--seats-per-hold N]
                                   [--posts N --followers N --searches N] [--quotas FILE] [--json] [--no-idle]
                                   [--jwt-issuer] [-c key=value …]
              --stock      a drop's coupons or a show's seats
              --room       the event is behind a waiting room; without --admit the plan uses the highest rate that holds
              --quotas     an account's own quota values, JSON {"quota id or code": value}
              --no-idle    skip pricing the idle month (which synthesizes the stack, about 10 s)
              --jwt-issuer people sign in with your own issuer (context jwtIssuer), not the stack's Cognito pool
              -c           CDK context the stack is deployed with (cdk.json's is read too): throttle.<route>,
                           reservedConcurrency.<function>, maxConcurrency.<function>, cacheMinimumEcpu, …""";

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options;
        Map<String, String> context = new LinkedHashMap<>();
        Rush rush;
        Catalog catalog;
        if (args.length == 0 || List.of(args).contains("--help") || List.of(args).contains("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? 64 : 0;
        }
        try {
            options = options(args, context);
            rush = rush(options);
            catalog = Catalog.standard();
            if (options.containsKey("quotas")) catalog = catalog.withQuotas(quotas(Path.of(options.get("quotas"))));
        } catch (IllegalArgumentException e) {
            err.println("rushgate plan: " + e.getMessage());
            err.println(USAGE);
            return 64;
        }
        Map<String, String> deployed = new LinkedHashMap<>();
        RushgateApp.cdkJsonContextWithoutCli(Path.of("cdk.json")).forEach((k, v) -> deployed.put(k, String.valueOf(v)));
        deployed.putAll(context);
        try {
            GuardRails.refuseUnknownKeys(deployed.keySet(), Rushgate.declaration());
        } catch (IllegalArgumentException e) {
            err.println("rushgate plan: " + e.getMessage());
            return 64;
        }
        Plan plan;
        Cost idle;
        try {
            plan = Plan.of(rush, catalog, CallModel.standard(), null, deployed);
            idle = options.containsKey("no-idle") ? null : idle(rush, catalog, context, err);
        } catch (IllegalArgumentException e) {
            err.println("rushgate plan: " + e.getMessage());
            return 64;
        }
        plan = new Plan(plan.rush(), plan.rows(), plan.consumers(), plan.raise(), plan.admission(), plan.rushCost(),
                idle);
        if (options.containsKey("json")) {
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(PlanText.json(plan)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.print(PlanText.table(plan));
        }
        return plan.holds() ? 0 : 2;
    }

    private static final List<String> FLAGS = List.of("json", "no-idle", "jwt-issuer");
    private static final List<String> VALUED = List.of("feature", "users", "window", "stock", "room", "admit",
            "seats-per-hold", "posts", "followers", "searches", "quotas");

    /** The options by name; {@code -c key=value} (CDK context, as {@code cdk deploy} takes it) go to {@code context}. */
    static Map<String, String> options(String[] args, Map<String, String> context) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-c") || arg.equals("--context")) {
                String[] kv = i + 1 < args.length ? args[++i].split("=", 2) : new String[0];
                if (kv.length != 2) throw new IllegalArgumentException("-c needs key=value");
                context.put(kv[0], kv[1]);
                continue;
            }
            if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected " + arg);
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (FLAGS.contains(name) && value == null) {
                out.put(name, "true");
            } else if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) throw new IllegalArgumentException("--" + name + " needs a value");
                    value = args[++i];
                }
                out.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        return out;
    }

    static Rush rush(Map<String, String> o) {
        if (!o.containsKey("feature") || !o.containsKey("users") || !o.containsKey("window")) {
            throw new IllegalArgumentException("--feature, --users and --window are needed");
        }
        return new Rush(o.get("feature"), count(o, "users", 0), seconds(o.get("window")), count(o, "stock", 0),
                o.get("room"), o.containsKey("admit") ? rate(o.get("admit")) : null,
                (int) count(o, "seats-per-hold", 2), count(o, "posts", 0), count(o, "followers", 0),
                count(o, "searches", 0), !o.containsKey("jwt-issuer"));
    }

    private static long count(Map<String, String> o, String name, long fallback) {
        String v = o.get(name);
        if (v == null) return fallback;
        try {
            return Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is a whole number: " + v);
        }
    }

    /** {@code 60}, {@code 60s}, {@code 2m} or {@code 1h}. */
    static int seconds(String text) {
        String t = text.strip().toLowerCase();
        int factor = t.endsWith("h") ? 3600 : t.endsWith("m") ? 60 : 1;
        if (t.endsWith("h") || t.endsWith("m") || t.endsWith("s")) t = t.substring(0, t.length() - 1);
        try {
            return Math.multiplyExact(Integer.parseInt(t), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("--window is a duration such as 60s, 2m or 1h: " + text);
        }
    }

    /** {@code 2000}, {@code 2000/s} or {@code 120000/m}. */
    static double rate(String text) {
        String t = text.strip().toLowerCase();
        double per = 1;
        if (t.endsWith("/s")) t = t.substring(0, t.length() - 2);
        else if (t.endsWith("/m")) {
            t = t.substring(0, t.length() - 2);
            per = 60;
        }
        try {
            return Double.parseDouble(t.replace("_", "").replace(",", "")) / per;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--admit is a rate such as 2000/s: " + text);
        }
    }

    static Map<String, Double> quotas(Path file) {
        try {
            return new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, Double>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("--quotas " + file + ": " + e.getMessage());
        }
    }

    /** The deployed features' idle month, from templates synthesized for them in us-east-1 (prices are its). */
    static Cost idle(Rush rush, Catalog catalog, Map<String, String> context, PrintStream err) {
        List<String> features = Planner.features(rush);
        Declaration selected = Rushgate.declaration().select(features).complete();
        PrintStream stdout = System.out;
        Path dir = null;
        try {
            dir = Files.createTempDirectory("rushgate-plan");
            System.setOut(err); // the CDK's own messages must not mix with --json
            Map<String, Object> synthContext = new LinkedHashMap<>(context);
            synthContext.putAll(Map.of("features", String.join(",", features), "nag", "false",
                    "region", catalog.region()));
            Path assembly = RushgateApp.synthesize(synthContext, dir);
            return IdleCost.of(IdleCost.resources(assembly), selected, catalog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.setOut(stdout);
            if (dir != null) delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
