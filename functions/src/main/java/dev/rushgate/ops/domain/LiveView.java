package dev.rushgate.ops.domain;

import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an operator watches during a rush: each event's answers per second, as the hot path counted them in the same
 * call that decided ({@code LiveCounters}), and the event's own numbers now (stock left, people waiting, seats held,
 * votes accepted). One source for the operations page, the admin API and Prometheus.
 */
public final class LiveView {
    /** The kinds of event a live view shows, as they appear in paths. */
    public static final List<String> KINDS = List.of("drop", "room", "show", "poll");
    /** The seconds {@link #all} sums for each event. */
    static final int RECENT_SECONDS = 60;

    /** Where the counts are kept. */
    public interface Counters {
        /** Counts per second from {@code from} to {@code to} (epoch seconds, inclusive); seconds with none left out. */
        Map<Long, Map<String, Long>> seconds(String kind, String id, long from, long to);

        /** The events listed, most recently defined first, at most {@code max}. */
        List<Listed> events(int max);

        /** How many seconds are kept. */
        int window();
    }

    /** An event's numbers now, by kind; empty when there is no such event. */
    public interface Gauges {
        Optional<Map<String, Object>> read(String kind, String id);
    }

    public record Listed(String kind, String id, long definedAtMillis) {}

    private final Counters counters;
    private final Gauges gauges;
    private final Clock clock;

    public LiveView(Counters counters, Gauges gauges, Clock clock) {
        this.counters = counters;
        this.gauges = gauges;
        this.clock = clock;
    }

    /**
     * One event: its counts per second since {@code since} (epoch seconds; default the last minute, at most the
     * window), their totals, and its numbers now.
     */
    public Map<String, Object> event(String kind, String id, Optional<String> since) {
        if (!KINDS.contains(kind)) throw new NotFound("not-found", "No kind of event " + kind + ": one of " + KINDS + ".");
        long now = clock.instant().getEpochSecond();
        long from = since.map(LiveView::epochSecond).orElse(now - RECENT_SECONDS + 1);
        if (from > now) throw new BadInput("bad-since", "since is after now (" + now + ").");
        from = Math.max(from, now - counters.window() + 1);
        Map<String, Object> numbers = gauges.read(kind, id)
                .orElseThrow(() -> new NotFound("not-found", "No " + kind + " " + id + "."));
        Map<Long, Map<String, Long>> seconds = counters.seconds(kind, id, from, now);
        List<Map<String, Object>> series = new ArrayList<>();
        seconds.forEach((at, counts) -> series.add(Map.of("at", at, "counts", counts)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("id", id);
        out.put("since", from);
        out.put("now", now);
        out.put("seconds", series);
        out.put("totals", totals(seconds.values()));
        out.put("gauges", numbers);
        return out;
    }

    /** Every listed event: the last second's and the last minute's counts, and its numbers now. */
    public Map<String, Object> all(int max) {
        long now = clock.instant().getEpochSecond();
        List<Map<String, Object>> events = new ArrayList<>();
        for (Listed listed : counters.events(max)) {
            Optional<Map<String, Object>> numbers = gauges.read(listed.kind(), listed.id());
            if (numbers.isEmpty()) continue; // deleted, or its cache was lost and not rebuilt yet
            Map<Long, Map<String, Long>> seconds = counters.seconds(listed.kind(), listed.id(),
                    now - RECENT_SECONDS + 1, now);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("kind", listed.kind());
            event.put("id", listed.id());
            event.put("definedAt", java.time.Instant.ofEpochMilli(listed.definedAtMillis()).toString());
            event.put("lastSecond", seconds.getOrDefault(now - 1, Map.of()));
            event.put("lastMinute", totals(seconds.values()));
            event.put("gauges", numbers.get());
            events.add(event);
        }
        return Map.of("now", now, "events", events);
    }

    private static Map<String, Long> totals(Iterable<Map<String, Long>> seconds) {
        Map<String, Long> totals = new TreeMap<>();
        seconds.forEach(counts -> counts.forEach((answer, n) -> totals.merge(answer, n, Long::sum)));
        return totals;
    }

    private static long epochSecond(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadInput("bad-since", "since must be a time in epoch seconds.");
        }
    }
}
