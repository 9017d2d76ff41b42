package dev.rushgate.feed.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Rushgate keeps of the upstream user service, and the upstream breaker's shared state, read together in one
 * round trip.
 * <ul>
 *   <li>Each entry has a soft expiry (past it, it is still served, and a refresh is due) and a hard one (past it, it is
 *       gone).</li>
 *   <li>A read says which entries are due a refresh, at most once per entry while one is in flight, and never while the
 *       upstream is open: a reader then serves what it has and asks nothing.</li>
 *   <li>"Open until" is written by whichever environment's breaker opened, and read by all of them.</li>
 * </ul>
 */
public interface UpstreamCache {

    /** Profiles found (absent ids were not cached), those due a refresh, and until when the upstream is open. */
    record Profiles(Map<String, Profile> found, Set<String> refresh, Optional<Instant> openUntil) {}

    /** The categories if cached, whether a refresh is due, and until when the upstream is open. */
    record Categories(Optional<List<String>> names, boolean refresh, Optional<Instant> openUntil) {}

    Profiles profiles(Set<String> userIds, Instant now);

    Categories categories(Instant now);

    void store(Profile profile, Instant now);

    void storeCategories(List<String> names, Instant now);

    /** Every environment treats the upstream as open until {@code until}. */
    void open(Instant until, Instant now);

    /** Until when the upstream is open, if it is. */
    Optional<Instant> openUntil(Instant now);
}
