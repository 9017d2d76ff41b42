package dev.rushgate.localstack;

import dev.rushgate.wiring.GuardRails;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local side of API Gateway's route throttling: a token bucket per route, filled at the route's rate up to its
 * burst. A request that finds the bucket empty is refused before its handler runs, as the cloud's gateway refuses it.
 * (Twenty lines of arithmetic; a rate-limiting library would not model API Gateway's rate-and-burst any closer.)
 */
final class RouteThrottle {
    private final GuardRails rails;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RouteThrottle(GuardRails rails) {
        this.rails = rails;
    }

    /** Takes a token of the route whose function is {@code functionId}; false when none is left. */
    boolean tryAcquire(String functionId) {
        return buckets.computeIfAbsent(functionId, id -> new Bucket(rails.route(id))).tryAcquire(System.nanoTime());
    }

    private static final class Bucket {
        private final ReentrantLock lock = new ReentrantLock();
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(GuardRails.Throttle throttle) {
            this.perNano = throttle.ratePerSecond() / 1e9;
            this.capacity = throttle.burst();
            this.tokens = capacity;
            this.last = System.nanoTime();
        }

        boolean tryAcquire(long now) {
            lock.lock();
            try {
                tokens = Math.min(capacity, tokens + (now - last) * perNano);
                last = now;
                if (tokens < 1) return false;
                tokens -= 1;
                return true;
            } finally {
                lock.unlock();
            }
        }
    }
}
