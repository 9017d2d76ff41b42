package dev.rushgate.feed.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Authors' profiles for readers: from the cache in one round trip, never from the upstream, so reading a post or an
 * inbox never waits for, nor fails because of, the user service. A profile not cached is the placeholder; one
 * missing or stale is refreshed behind the queue. A cache or queue that fails costs the reader the real names, not
 * the page.
 */
public final class Profiles {
    private static final Logger LOG = LoggerFactory.getLogger(Profiles.class);

    private final UpstreamCache cache;
    private final RefreshQueue refreshes;
    private final Clock clock;

    public Profiles(UpstreamCache cache, RefreshQueue refreshes, Clock clock) {
        this.cache = cache;
        this.refreshes = refreshes;
        this.clock = clock;
    }

    public Profile of(String userId) {
        return of(List.of(userId)).get(userId);
    }

    /** A profile for every id, real or placeholder, in the order given. */
    public Map<String, Profile> of(Collection<String> userIds) {
        Set<String> ids = new LinkedHashSet<>(userIds);
        Map<String, Profile> out = new LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        UpstreamCache.Profiles read;
        try {
            read = cache.profiles(ids, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("profile cache unreadable; serving placeholders", e);
            ids.forEach(id -> out.put(id, Profile.placeholder(id)));
            return out;
        }
        ids.forEach(id -> out.put(id, read.found().getOrDefault(id, Profile.placeholder(id))));
        if (!read.refresh().isEmpty()) {
            List<Refresh> due = new ArrayList<>();
            read.refresh().forEach(id -> due.add(Refresh.profile(id)));
            request(due);
        }
        return out;
    }

    private void request(List<Refresh> due) {
        try {
            refreshes.request(due);
        } catch (RuntimeException e) {
            // the entries' refresh marks expire, and a later read asks again
            LOG.warn("could not queue {} profile refreshes", due.size(), e);
        }
    }
}
