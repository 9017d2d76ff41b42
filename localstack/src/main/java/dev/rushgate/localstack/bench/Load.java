package dev.rushgate.localstack.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed loop of {@code connections} clients, each sending the next request as soon as the last is
 * answered, for a time or until a number of requests is spent. Requests rotate over the given list, so
 * each request comes from the next user.
 */
final class Load {

    /** What one phase measured. */
    record Result(String name, long requests, Duration elapsed, Histogram latency, Map<Integer, Long> statuses,
                  long errors) {
        double perSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }

        double p50Millis() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }
    }

    private Load() {}

    static Result run(String name, URI target, List<byte[]> requests, int connections, Duration duration,
                      long maxRequests) throws InterruptedException {
        Histogram total = new Histogram(60_000_000L, 3);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder errors = new LongAdder();
        AtomicLong next = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        Thread[] threads = new Thread[connections];
        Histogram[] histograms = new Histogram[connections];
        for (int c = 0; c < connections; c++) {
            Histogram histogram = new Histogram(60_000_000L, 3);
            histograms[c] = histogram;
            threads[c] = Thread.ofPlatform().name("load-" + c).start(() -> {
                try (RawConnection connection = new RawConnection(target)) {
                    while (System.nanoTime() < deadline) {
                        long n = next.getAndIncrement();
                        if (n >= maxRequests) break;
                        byte[] request = requests.get((int) (n % requests.size()));
                        long t0 = System.nanoTime();
                        try {
                            int status = connection.exchange(request);
                            histogram.recordValue(Math.min((System.nanoTime() - t0) / 1000, 60_000_000L));
                            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        } catch (Exception e) {
                            errors.increment();
                        }
                    }
                }
            });
        }
        for (Thread thread : threads) thread.join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        for (Histogram h : histograms) total.add(h);
        Map<Integer, Long> counted = new TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.sum()));
        return new Result(name, total.getTotalCount(), elapsed, total, counted, errors.sum());
    }
}
