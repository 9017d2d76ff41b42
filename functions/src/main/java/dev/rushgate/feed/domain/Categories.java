package dev.rushgate.feed.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * The categories a post may name: the upstream user service's, from the cache (one round trip, never the upstream
 * itself). Before the cache has them (a new deployment, or a day-long outage past the hard expiry), the deployment's
 * configured list, marked as such, and a refresh queued.
 */
public final class Categories {
    private static final Logger LOG = LoggerFactory.getLogger(Categories.class);

    /** The names, and whether they are the configured fallback rather than the upstream's. */
    public record Current(List<String> names, boolean fallback) {
        public Current {
            names = List.copyOf(names);
        }
    }

    private final UpstreamCache cache;
    private final RefreshQueue refreshes;
    private final List<String> fallback;
    private final Clock clock;

    public Categories(UpstreamCache cache, RefreshQueue refreshes, List<String> fallback, Clock clock) {
        if (fallback.isEmpty()) throw new IllegalArgumentException("no fallback categories");
        this.cache = cache;
        this.refreshes = refreshes;
        this.fallback = List.copyOf(fallback);
        this.clock = clock;
    }

    public Current current() {
        UpstreamCache.Categories read;
        try {
            read = cache.categories(clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("category cache unreadable; serving the configured categories", e);
            return new Current(fallback, true);
        }
        if (read.refresh()) {
            try {
                refreshes.request(List.of(Refresh.categories()));
            } catch (RuntimeException e) {
                LOG.warn("could not queue a categories refresh", e);
            }
        }
        return read.names().filter(n -> !n.isEmpty()).map(n -> new Current(n, false))
                .orElseGet(() -> new Current(fallback, true));
    }

    public List<String> names() {
        return current().names();
    }
}
