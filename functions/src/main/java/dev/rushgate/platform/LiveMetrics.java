package dev.rushgate.platform;

import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The live counters' numbers for CloudWatch: what each deciding call counted in Redis ({@link LiveCounters}) is also
 * added up in the execution environment and written as embedded metrics (EMF), one record per event at most once a
 * second, metrics named by answer with dimensions {@code Kind} and {@code Event}. Not a log line per request: a
 * rush's environment writes a few lines a second. Counts still waiting when an environment is frozen go with its next
 * invocation's; Redis stays the exact source. Only in Lambda: the local stack serves the same numbers to Prometheus.
 */
public final class LiveMetrics {
    /** One event's counts, as they are flushed. */
    public record Flushed(String kind, String id, Map<String, Long> counts) {}

    /** Where flushed counts go. */
    public interface Sink {
        void write(Flushed record);
    }

    private record Key(String kind, String id, String answer) {}

    private static final long EVERY_NANOS = 1_000_000_000L;
    private static final LiveMetrics LAMBDA = System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null ? null
            : new LiveMetrics(LiveMetrics::emf, System::nanoTime);

    private final Sink sink;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Key, AtomicLong> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastFlush;

    public LiveMetrics(Sink sink, LongSupplier nanoTime) {
        this.sink = sink;
        this.nanoTime = nanoTime;
        this.lastFlush = new AtomicLong(nanoTime.getAsLong() - EVERY_NANOS);
    }

    /** Counts answers of an event in this environment's embedded metrics, when it runs in Lambda. */
    public static void count(String kind, String id, Map<String, Long> answers) {
        if (LAMBDA != null) LAMBDA.add(kind, id, answers);
    }

    public static void count(String kind, String id, String answer) {
        if (LAMBDA != null) LAMBDA.add(kind, id, Map.of(answer, 1L));
    }

    /** Adds the counts, and writes what waits once a second has passed since the last write. */
    public void add(String kind, String id, Map<String, Long> answers) {
        answers.forEach((answer, n) -> {
            if (n > 0) pending.computeIfAbsent(new Key(kind, id, answer), k -> new AtomicLong()).addAndGet(n);
        });
        long now = nanoTime.getAsLong();
        long last = lastFlush.get();
        if (now - last >= EVERY_NANOS && lastFlush.compareAndSet(last, now)) flush();
    }

    private void flush() {
        Map<String, Map<String, Long>> byEvent = new TreeMap<>();
        pending.forEach((key, count) -> {
            long n = count.getAndSet(0);
            if (n > 0) {
                byEvent.computeIfAbsent(key.kind() + "/" + key.id(), e -> new TreeMap<>()).merge(key.answer(), n,
                        Long::sum);
            }
        });
        byEvent.forEach((event, counts) -> {
            String[] kindAndId = event.split("/", 2);
            sink.write(new Flushed(kindAndId[0], kindAndId[1], counts));
        });
    }

    private static void emf(Flushed record) {
        Telemetry.flushMetrics(metrics -> {
            metrics.addDimension(DimensionSet.of("Kind", record.kind(), "Event", record.id()));
            record.counts().forEach((answer, n) -> metrics.addMetric(answer, n, MetricUnit.COUNT));
        });
    }
}
