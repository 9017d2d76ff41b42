package dev.rushgate.localstack.chaos;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code ./rushgate chaos [--short] [scenario …]}: the fault suite. Each scenario starts a stack of its own, sends a
 * crowd at it, injects one fault, and compares what every client was told with what the public API shows as stored.
 * Prints one row per scenario; exits 1 when anything acknowledged was lost, stored twice or oversold.
 */
public final class Chaos {

    /** Every scenario, in the order they run. */
    static final Map<String, Supplier<Scenario>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("drops-sigkill", DropsSigkill::new);
        SCENARIOS.put("votes-sigkill", VotesSigkill::new);
        SCENARIOS.put("tickets-sigkill", TicketsSigkill::new);
        SCENARIOS.put("payment-timeout", TicketsSigkill::paymentTimeout);
        SCENARIOS.put("store-claims-kill", () -> new InStackFault(InStackFault.Fault.STORE_CLAIMS_KILL));
        SCENARIOS.put("count-votes-kill", () -> new InStackFault(InStackFault.Fault.COUNT_VOTES_KILL));
        SCENARIOS.put("kafka-restart", () -> new InStackFault(InStackFault.Fault.KAFKA_RESTART));
        SCENARIOS.put("sqs-duplicate", SqsDuplicate::new);
        SCENARIOS.put("poison", PoisonMessages::new);
        SCENARIOS.put("redis-flush", () -> new RedisFault(RedisFault.Fault.FLUSH));
        SCENARIOS.put("redis-restart", () -> new RedisFault(RedisFault.Fault.RESTART));
        SCENARIOS.put("votes-redis-flush", () -> new VotesRedisFault(RedisFault.Fault.FLUSH));
        SCENARIOS.put("votes-redis-restart", () -> new VotesRedisFault(RedisFault.Fault.RESTART));
    }

    private Chaos() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--short")) quick = true;
            else if (SCENARIOS.containsKey(a)) names.add(a);
            else {
                System.err.println("unknown scenario " + a + "; known: " + String.join(", ", SCENARIOS.keySet()));
                System.err.println("usage: rushgate chaos [--short] [scenario …]");
                System.exit(2);
            }
        }
        if (names.isEmpty()) names.addAll(SCENARIOS.keySet());
        Path work = Files.createTempDirectory("rushgate-chaos");
        System.out.println("Rushgate fault suite" + (quick ? " (short)" : "") + "; logs and data in " + work);
        List<Row> rows = run(names, new Scenario.Run(work, quick), System.out);
        print(rows, System.out);
        System.exit(rows.stream().allMatch(Row::passed) ? 0 : 1);
    }

    /** Runs the named scenarios one after another; one that throws is a failed row, and the rest still run. */
    static List<Row> run(List<String> names, Scenario.Run run, PrintStream out) {
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            out.println("== " + name + " …");
            long began = System.nanoTime();
            Row row;
            try {
                row = SCENARIOS.get(name).get().run(run);
            } catch (Exception e) {
                row = new Row(name, 0, 0, 0, 0, 0, 0, null, Row.DID_NOT_COMPLETE + ": " + e);
            }
            out.printf(Locale.ROOT, "   %s in %.1f s: %s%n", verdict(row), (System.nanoTime() - began) / 1e9, row.note());
            rows.add(row);
        }
        return rows;
    }

    static void print(List<Row> rows, PrintStream out) {
        out.println();
        out.printf(Locale.ROOT, "| %-22s | %8s | %12s | %7s | %4s | %10s | %8s | %16s | %-7s |%n", "scenario", "requests",
                "acknowledged", "stored", "lost", "duplicated", "oversold", "time to recover", "verdict");
        out.println("|" + "-".repeat(24) + "|" + "-".repeat(10) + "|" + "-".repeat(14) + "|" + "-".repeat(9) + "|"
                + "-".repeat(6) + "|" + "-".repeat(12) + "|" + "-".repeat(10) + "|" + "-".repeat(18) + "|"
                + "-".repeat(9) + "|");
        for (Row r : rows) {
            String recovered = r.recovered() == null ? "-"
                    : String.format(Locale.ROOT, "%.1f s", r.recovered().toMillis() / 1000.0);
            out.printf(Locale.ROOT, "| %-22s | %,8d | %,12d | %,7d | %4d | %10d | %8d | %16s | %-7s |%n", r.scenario(),
                    r.requests(), r.acknowledged(), r.stored(), r.lost(), r.duplicated(), r.oversold(), recovered,
                    verdict(r));
        }
        out.println();
        for (Row r : rows) out.println(r.scenario() + ": " + r.note());
    }

    static String verdict(Row r) {
        return r.passed() ? "PASS" : "FAIL";
    }
}
