package dev.rushgate.localstack.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * What one unit of work (a vote, a claim, an inbox item) costs in CPU from its request to its durable end, and so
 * how many units a second this machine's cores carry at most, however the work is scheduled: the figure that says
 * whether a throughput target is within this machine's reach at all, since client and stack share its cores.
 *
 * <p>The stack's CPU is read from its process tree (its JVM, Redis and PostgreSQL) before and after; what the stack
 * spends at rest over the same time (measured just before, while nothing is asked of it) is left out. The client's
 * CPU is this process's over the same time. A window that ends once the work is durable includes the consumers'
 * share, which the request's own phase only partly sees.
 */
final class CpuBudget {
    private final StackProcess stack;
    private final double coresAtRest;
    private final Duration stackStart;
    private final Duration clientStart;
    private final long startNanos;

    private CpuBudget(StackProcess stack, double coresAtRest) {
        this.stack = stack;
        this.coresAtRest = coresAtRest;
        this.stackStart = stack.cpu();
        this.clientStart = Load.clientCpu();
        this.startNanos = System.nanoTime();
    }

    /**
     * Measures the stack at rest for {@code rest}, then starts counting; null when this run did not start the stack
     * (its CPU is then unknown) or the platform does not say what a process has spent.
     */
    static CpuBudget start(StackProcess stack, Duration rest) throws InterruptedException {
        if (stack == null || stack.cpu() == null || Load.clientCpu() == null) return null;
        Duration before = stack.cpu();
        long nanos = System.nanoTime();
        Thread.sleep(rest.toMillis());
        double cores = stack.cpu().minus(before).toNanos() / (double) (System.nanoTime() - nanos);
        return new CpuBudget(stack, cores);
    }

    /** What was spent since the start, per unit: the stack's (less its rest) and the client's, in microseconds. */
    record Spent(double stackMicros, double clientMicros, double coresAtRest) {
        double totalMicros() {
            return stackMicros + clientMicros;
        }

        /** Units a second these cores carry at most when they do nothing else. */
        double ceilingPerSecond(int cores) {
            return cores * 1e6 / totalMicros();
        }

        /** Cores that {@code perSecond} units a second keep busy. */
        double coresFor(double perSecond) {
            return perSecond * totalMicros() / 1e6;
        }
    }

    /** Stops counting: what was spent per unit over {@code units}, or null when {@code budget} is (CPU unknown). */
    static Spent stop(CpuBudget budget, long units) {
        if (budget == null || units == 0) return null;
        long wall = System.nanoTime() - budget.startNanos;
        double stackNanos = budget.stack.cpu().minus(budget.stackStart).toNanos() - budget.coresAtRest * wall;
        double clientNanos = Load.clientCpu().minus(budget.clientStart).toNanos();
        return new Spent(Math.max(0, stackNanos) / 1e3 / units, clientNanos / 1e3 / units, budget.coresAtRest);
    }

    /**
     * One line: the CPU per {@code unit} over {@code span}, and what this machine's cores carry at most against
     * {@code targetPerSecond}. Prints nothing when {@code spent} is null.
     */
    static void print(Spent spent, String unit, String span, double targetPerSecond) {
        if (spent == null) return;
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "CPU per %s, %s: stack %.0f µs (its %.0f%% of a core at rest left out), client "
                        + "%.0f µs; %d cores carry at most %,.0f %ss/s; %,.0f/s needs %.1f cores%n", unit, span,
                spent.stackMicros(), spent.coresAtRest() * 100, spent.clientMicros(), cores,
                spent.ceilingPerSecond(cores), unit, targetPerSecond, spent.coresFor(targetPerSecond));
    }
}
