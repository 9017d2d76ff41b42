package dev.rushgate.feed.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads one entry again from the upstream user service and caches it. The only caller of the upstream. While the
 * upstream is open (this environment's breaker, or any other's through the cache) it calls nothing and says when to
 * try again; a user the upstream does not know is cached as the placeholder, so nobody asks again before it expires.
 */
public final class RefreshUpstream {

    /** Not refreshed now: the upstream is open or failed; the refresh should wait at least {@code after}. */
    public static final class Later extends RuntimeException {
        private final Duration after;

        public Later(String message, Duration after) {
            super(message, null, false, false);
            this.after = after;
        }

        public Duration after() {
            return after;
        }
    }

    private final UserService upstream;
    private final UpstreamCache cache;
    private final Clock clock;

    public RefreshUpstream(UserService upstream, UpstreamCache cache, Clock clock) {
        this.upstream = upstream;
        this.cache = cache;
        this.clock = clock;
    }

    public void refresh(Refresh refresh) {
        Instant now = clock.instant();
        var openUntil = cache.openUntil(now);
        if (openUntil.isPresent()) {
            throw new Later("upstream open until " + openUntil.get(), Duration.between(now, openUntil.get()));
        }
        try {
            switch (refresh.kind()) {
                case PROFILE -> cache.store(upstream.profile(refresh.userId())
                        .orElseGet(() -> Profile.placeholder(refresh.userId())), clock.instant());
                case CATEGORIES -> cache.storeCategories(upstream.categories(), clock.instant());
            }
        } catch (UserService.Unavailable e) {
            throw new Later(e.getMessage(), Duration.ZERO);
        }
    }
}
