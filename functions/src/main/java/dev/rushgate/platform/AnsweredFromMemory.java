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
    private record Key(String eventId, String code) {}

    private final ConcurrentHashMap<Key, AtomicLong> counts = new ConcurrentHashMap<>();

    public void add(String eventId, String code) {
        counts.computeIfAbsent(new Key(eventId, code), k -> new AtomicLong()).incrementAndGet();
    }

    /** Takes the event's counts: each refusal is taken once, by whichever call takes it first. */
    public Map<String, Long> take(String eventId) {
        Map<String, Long> taken = new TreeMap<>();
        counts.forEach((key, count) -> {
            if (key.eventId().equals(eventId)) {
                long n = count.getAndSet(0);
                if (n > 0) taken.merge(key.code(), n, Long::sum);
            }
        });
        return taken;
    }

    /** Gives back what a call that failed took, to go with the next one. */
    public void giveBack(String eventId, Map<String, Long> taken) {
        taken.forEach((code, n) -> counts.computeIfAbsent(new Key(eventId, code), k -> new AtomicLong()).addAndGet(n));
    }
}
