package dev.rushgate.infra.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rushgate.infra.plan.Planner.Row;

/**
 * A rush's plan: every component's row, the limit that binds first and what to raise, what the waiting room changes,
 * and what the rush and an idle month cost.
 *
 * @param rush      the rush as planned (behind the room at the advised rate when {@code --room} came without
 *                  {@code --admit})
 * @param rows      one per component the rush touches
 * @param consumers the consumers behind queues, topics and streams: how far behind the rush they fall
 * @param raise     the quota increases and settings that make the plan hold, one line each
 * @param admission what the waiting room changes
 * @param rushCost  the rush's own calls at list prices
 * @param idle      a month of the deployed features with nobody using them (null when not priced)
 */
public record Plan(Rush rush, List<Row> rows, List<Planner.Consumer> consumers, List<String> raise,
                   Admission admission, Cost rushCost, Cost idle) {

    /**
     * The waiting room's effect: the highest admission rate at which every component the room can relieve holds,
     * how long admitting everyone then takes, and the rows that run out whatever the rate (the room's own entries
     * and polls, or limits the rate does not move): those need raising in any case.
     */
    public record Admission(Double rate, double seconds, List<Row> unaffected) {}

    /** Below this an admission rate is not worth advising. */
    static final double LOWEST_RATE = 1;

    public boolean holds() {
        return rows.stream().allMatch(Row::holds);
    }

    /** The limit that runs out first (the earliest second; then the least headroom). */
    public Optional<Row> binding() {
        return rows.stream().filter(r -> !r.holds())
                .min(Comparator.comparingInt(Row::runsOutAt).thenComparingDouble(Row::headroom));
    }

    public static Plan of(Rush rush, Catalog catalog, CallModel model, Cost idle) {
        return of(rush, catalog, model, idle, Map.of());
    }

    /** The plan with {@code context} (CDK context keys: guard rails, the cache's minimum) over the defaults. */
    public static Plan of(Rush rush, Catalog catalog, CallModel model, Cost idle, Map<String, String> context) {
        Admission admission = rush.feature().equals("feed") ? null : admission(rush, catalog, context);
        Rush planned = rush.behindRoom() && rush.admitPerSecond() == null && admission != null
                ? rush.admitting(admission.rate()) : rush;
        Demand demand = Demand.of(planned, catalog);
        Planner planner = Planner.standard(catalog, planned, context);
        Planner.Flow flow = planner.flow(demand);
        List<Row> rows = planner.rows(flow);
        return new Plan(planned, rows, flow.consumers(), raise(rows), admission,
                RushCost.of(planned, demand, model, catalog), idle);
    }

    private static List<Row> rowsAt(Rush rush, double rate, Catalog catalog, Map<String, String> context) {
        Rush admitted = rush.admitting(rate);
        return Planner.standard(catalog, admitted, context).rows(Demand.of(admitted, catalog));
    }

    /** Binary search for the highest admission rate (whole people a second) whose rows all hold. */
    static Admission admission(Rush rush, Catalog catalog, Map<String, String> context) {
        List<Row> lowest = rowsAt(rush, LOWEST_RATE, catalog, context);
        List<Row> unaffected = lowest.stream().filter(r -> !r.holds()).toList();
        List<String> broken = unaffected.stream().map(Row::component).toList();
        double high = Math.max(LOWEST_RATE, Math.ceil(rush.arrivalRate()));
        double low = LOWEST_RATE;
        if (holdsApartFrom(rowsAt(rush, high, catalog, context), broken)) low = high;
        while (high - low > 1) {
            double mid = Math.floor((low + high) / 2);
            if (holdsApartFrom(rowsAt(rush, mid, catalog, context), broken)) low = mid;
            else high = mid;
        }
        return new Admission(low, Math.ceil(rush.users() / low), unaffected);
    }

    private static boolean holdsApartFrom(List<Row> rows, List<String> ignored) {
        return rows.stream().allMatch(r -> r.holds() || ignored.contains(r.component()));
    }

    /** What to raise for each row that runs out, with a fifth more than the peak. */
    static List<String> raise(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row row : rows) {
            if (row.holds()) continue;
            String target = PlanText.amount(roundUp(row.peak() * 1.2)) + " " + row.unit();
            Catalog.Quota quota = row.limit().quota();
            if (quota != null && quota.adjustable() && quota.raise() == null) {
                out.add(row.component() + ": request " + Planner.serviceQuotas(quota) + " of at least " + target);
            } else {
                out.add(row.component() + ": " + row.limit().raise() + " (the rush needs " + target + ")");
            }
        }
        return out;
    }

    /** Up to two significant digits. */
    static double roundUp(double value) {
        if (value <= 0) return 0;
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)) - 1);
        return Math.ceil(value / magnitude) * magnitude;
    }
}
