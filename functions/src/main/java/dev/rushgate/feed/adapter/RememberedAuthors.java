package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Authors;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which authors are loud, remembered by this execution environment, so an inbox read does not fetch a hundred authors'
 * standing each time. Loud is for good (an author never goes back), so "loud" is remembered for as long as the
 * environment lives; "not loud" for {@link #QUIET_FOR}, after which it is read again. The cost of that: an author who
 * becomes loud has their next posts merged into this environment's reads up to that long late, within the seconds the
 * contract gives a post to arrive. Everything else passes through.
 */
public final class RememberedAuthors implements Authors {
    static final Duration QUIET_FOR = Duration.ofSeconds(5);
    /** Authors remembered at most; past it the memory starts again (a few MB, in an environment of 1 GB or more). */
    static final int MOST = 100_000;

    private final Authors authors;
    private final Clock clock;
    private final Map<String, Long> quietUntil = new ConcurrentHashMap<>();
    private final Set<String> loud = ConcurrentHashMap.newKeySet();

    public RememberedAuthors(Authors authors, Clock clock) {
        this.authors = authors;
        this.clock = clock;
    }

    @Override
    public Standing standing(String authorId) {
        return authors.standing(authorId);
    }

    @Override
    public void markLoud(String authorId) {
        authors.markLoud(authorId);
        loud.add(authorId);
    }

    @Override
    public Set<String> loud(Collection<String> authorIds) {
        long now = clock.millis();
        Set<String> out = new HashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String id : authorIds) {
            if (loud.contains(id)) out.add(id);
            else if (quietUntil.getOrDefault(id, 0L) <= now) unknown.add(id);
        }
        if (unknown.isEmpty()) return out;
        if (quietUntil.size() + loud.size() > MOST) {
            quietUntil.clear();
            loud.clear();
        }
        Set<String> found = authors.loud(unknown);
        long until = now + QUIET_FOR.toMillis();
        for (String id : unknown) {
            if (found.contains(id)) loud.add(id);
            else quietUntil.put(id, until);
        }
        out.addAll(found);
        return out;
    }
}
