package dev.rushgate.infra.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.rushgate.infra.plan.Planner.Row;

/** A plan for people (a table) and for machines (JSON-ready maps). */
final class PlanText {
    private PlanText() {}

    static String amount(double value) {
        if (Double.isInfinite(value)) return "-";
        if (value >= 100 || value == Math.rint(value)) return String.format(Locale.ROOT, "%,.0f", value);
        if (value >= 1) return String.format(Locale.ROOT, "%,.1f", value);
        return String.format(Locale.ROOT, "%.3g", value);
    }

    static String dollars(double usd) {
        return usd >= 100 ? String.format(Locale.ROOT, "$%,.0f", usd) : String.format(Locale.ROOT, "$%,.2f", usd);
    }

    static String headroom(Row row) {
        double h = row.headroom();
        if (Double.isInfinite(h)) return "-";
        return h >= 1 ? String.format(Locale.ROOT, "x%.1f", h) : String.format(Locale.ROOT, "over x%.1f", 1 / h);
    }

    static String table(Plan plan) {
        Rush rush = plan.rush();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Rush: %s, %,d people in %d s (%s a second)%s%n", rush.feature(),
                rush.users(), rush.windowSeconds(), amount(rush.arrivalRate()),
                rush.behindRoom() ? String.format(Locale.ROOT, ", behind room %s admitting %s a second", rush.room(),
                        amount(rush.admitPerSecond())) : ""));
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"component", "peak", "at", "limit", "headroom", "runs out"});
        for (Row row : plan.rows()) {
            cells.add(new String[] {row.component(), amount(row.peak()) + " " + row.unit(), row.peakAt() + " s",
                    amount(row.limit().value()) + " (" + row.limit().name() + ")", headroom(row),
                    row.holds() ? "never" : row.runsOutAt() + " s"});
        }
        int[] widths = new int[6];
        for (String[] c : cells) for (int i = 0; i < 6; i++) widths[i] = Math.max(widths[i], c[i].length());
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                line.append(i == 0 ? "" : "  ").append(i == 1 || i == 2 || i == 4
                        ? " ".repeat(widths[i] - c[i].length()) + c[i] : c[i] + " ".repeat(widths[i] - c[i].length()));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        for (Row row : plan.rows()) {
            if (row.note() != null && !row.holds()) out.append("  ").append(row.component()).append(": ").append(row.note())
                    .append(System.lineSeparator());
        }
        if (!plan.consumers().isEmpty()) {
            out.append(System.lineSeparator()).append("Consumers (behind queues, topics and streams: later, never lost):")
                    .append(System.lineSeparator());
            for (Planner.Consumer c : plan.consumers()) {
                out.append(String.format(Locale.ROOT, "  %-16s peak %s a second, takes %s a second (%d environments); "
                                + "deepest backlog %s, last one taken %d s into the rush%n", c.function(),
                        amount(c.peakArrivals()), amount(c.capacity()), c.environments(), amount(c.deepestBacklog()),
                        c.doneAt()));
            }
        }
        out.append(System.lineSeparator());
        plan.binding().ifPresentOrElse(
                b -> out.append(String.format(Locale.ROOT, "Binds first: %s, %s s into the rush (%s against %s)%n",
                        b.component(), b.runsOutAt(), amount(b.peak()) + " " + b.unit(), amount(b.limit().value()))),
                () -> out.append("Holds: every component stays under its limit.").append(System.lineSeparator()));
        if (!plan.raise().isEmpty()) {
            out.append("To raise:").append(System.lineSeparator());
            plan.raise().forEach(r -> out.append("  - ").append(r).append(System.lineSeparator()));
        }
        Plan.Admission a = plan.admission();
        if (a != null) {
            out.append(System.lineSeparator());
            out.append(String.format(Locale.ROOT, "Waiting room: admitting %s a second keeps %s under its limit; "
                    + "everyone is through in %s s (%s min).%n", amount(a.rate()),
                    a.unaffected().isEmpty() ? "every component" : "every component the rate moves",
                    amount(a.seconds()), amount(a.seconds() / 60)));
            if (!a.unaffected().isEmpty()) {
                out.append("  Whatever the rate, these run out (the room's own entries and polls): raise them: ")
                        .append(String.join(", ", a.unaffected().stream().map(Row::component).toList()))
                        .append(System.lineSeparator());
            }
        }
        out.append(System.lineSeparator());
        cost(out, "Cost of the rush (list prices, " + "us-east-1)", plan.rushCost());
        if (plan.idle() != null) cost(out, "Cost of a month idle (the deployed features)", plan.idle());
        return out.toString();
    }

    private static void cost(StringBuilder out, String title, Cost cost) {
        out.append(title).append(": ").append(dollars(cost.total())).append(System.lineSeparator());
        for (Cost.Item item : cost.items()) {
            out.append(String.format(Locale.ROOT, "  %-44s %18s  %10s%s%n", item.what(),
                    amount(item.amount()) + " " + item.unit(), dollars(item.usd()), item.confirmed() ? "" : " *"));
        }
        if (cost.unconfirmed() > 0) {
            out.append(String.format(Locale.ROOT, "  * %s of it at list prices not confirmed on an AWS page "
                    + "(plan/aws.json): check them before you budget%n", cost.unconfirmed() < 0.005 ? "under $0.01"
                    : dollars(cost.unconfirmed())));
        }
    }

    static Map<String, Object> json(Plan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rush", plan.rush());
        out.put("holds", plan.holds());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row row : plan.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("component", row.component());
            r.put("unit", row.unit());
            r.put("peak", row.peak());
            r.put("peakAt", row.peakAt());
            r.put("limit", row.limit().value());
            r.put("limitName", row.limit().name());
            if (row.limit().quota() != null) {
                r.put("quotaId", row.limit().quota().id());
                r.put("quotaCode", row.limit().quota().code());
                r.put("adjustable", row.limit().quota().adjustable());
            }
            r.put("headroom", Double.isInfinite(row.headroom()) ? null : row.headroom());
            r.put("runsOutAt", row.runsOutAt());
            r.put("note", row.note());
            rows.add(r);
        }
        out.put("rows", rows);
        out.put("consumers", plan.consumers());
        out.put("binding", plan.binding().map(Row::component).orElse(null));
        out.put("raise", plan.raise());
        if (plan.admission() != null) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("admitPerSecond", plan.admission().rate());
            a.put("seconds", plan.admission().seconds());
            a.put("brokenWhateverTheRate", plan.admission().unaffected().stream().map(Row::component).toList());
            out.put("admission", a);
        }
        out.put("rushCost", cost(plan.rushCost()));
        if (plan.idle() != null) out.put("idleMonth", cost(plan.idle()));
        return out;
    }

    private static Map<String, Object> cost(Cost cost) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("usd", cost.total());
        out.put("unconfirmedUsd", cost.unconfirmed());
        out.put("items", cost.items());
        return out;
    }
}
