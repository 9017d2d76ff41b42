package dev.rushgate.platform;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refusals an execution environment answered from memory, by event and code, until its next call to the cache for
 * that event carries them to the live counters ({@link LiveCounters}): so they are counted without a call of their
 * own, at most a memory bound late.
 */
public final class AnsweredFromMemory {
    /** By event, then by code: a call takes only its own event's counts, however many events the environment saw. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicLong>> counts = new ConcurrentHashMap<>();

    public void add(String eventId, String code) {
        counter(eventId, code).incrementAndGet();
    }

    /** Takes the event's counts: each refusal is taken once, by whichever call takes it first. */
    public Map<String, Long> take(String eventId) {
        Map<String, Long> taken = new TreeMap<>();
        var byCode = counts.get(eventId);
        if (byCode == null) return taken;
        byCode.forEach((code, count) -> {
            long n = count.getAndSet(0);
            if (n > 0) taken.put(code, n);
        });
        return taken;
    }

    /** Gives back what a call that failed took, to go with the next one. */
    public void giveBack(String eventId, Map<String, Long> taken) {
        taken.forEach((code, n) -> counter(eventId, code).addAndGet(n));
    }

    private AtomicLong counter(String eventId, String code) {
        return counts.computeIfAbsent(eventId, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(code, c -> new AtomicLong());
    }
}
