package dev.rushgate.localstack.metrics;

import dev.rushgate.ops.domain.LiveView;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The live counters (what each deciding call counted per second in Redis) as Prometheus counters: each scrape adds
 * the seconds completed since the one before, per event and answer, so {@code rate()} over them is the answers per
 * second. The first scrape of an event takes its whole kept window. Gauges are each event's numbers now.
 */
final class LiveTotals {
    /** Events followed at most: the most recently defined. */
    static final int EVENTS = 100;

    record Answer(String kind, String event, String answer) {}

    record Gauge(String kind, String event, String gauge) {}

    private final LiveView.Counters counters;
    private final LiveView.Gauges gauges;
    private final Clock clock;
    private final Map<Answer, Long> totals = new HashMap<>();
    /** Per event ({@code kind/id}), the last second added. */
    private final Map<String, Long> addedUpTo = new HashMap<>();
    /** The events as last listed, and when: one scrape asks for answers and for gauges, and lists them once. */
    private List<LiveView.Listed> listed;
    private long listedAtMillis;

    LiveTotals(LiveView.Counters counters, LiveView.Gauges gauges, Clock clock) {
        this.counters = counters;
        this.gauges = gauges;
        this.clock = clock;
    }

    /** Totals so far, with the seconds completed since the last call added. */
    synchronized Map<Answer, Long> answers() {
        long lastComplete = clock.instant().getEpochSecond() - 1;
        for (LiveView.Listed event : events()) {
            String key = event.kind() + "/" + event.id();
            long from = addedUpTo.getOrDefault(key, lastComplete - counters.window()) + 1;
            if (from > lastComplete) continue;
            counters.seconds(event.kind(), event.id(), from, lastComplete).values().forEach(counts ->
                    counts.forEach((answer, n) -> totals.merge(new Answer(event.kind(), event.id(), answer), n,
                            Long::sum)));
            addedUpTo.put(key, lastComplete);
        }
        return Map.copyOf(totals);
    }

    /** Each followed event's numeric gauges now. */
    synchronized Map<Gauge, Double> gauges() {
        Map<Gauge, Double> out = new HashMap<>();
        for (LiveView.Listed event : events()) {
            gauges.read(event.kind(), event.id()).ifPresent(numbers -> numbers.forEach((name, value) -> {
                if (value instanceof Number n) out.put(new Gauge(event.kind(), event.id(), name), n.doubleValue());
            }));
        }
        return out;
    }

    /** The followed events, listed again when the last list is more than a second old (a scrape's two callbacks share one). */
    private List<LiveView.Listed> events() {
        long now = clock.millis();
        if (listed == null || now - listedAtMillis > 1_000) {
            listed = counters.events(EVENTS);
            listedAtMillis = now;
        }
        return listed;
    }
}
