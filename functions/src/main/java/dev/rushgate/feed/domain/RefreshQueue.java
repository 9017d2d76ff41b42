package dev.rushgate.feed.domain;

import java.time.Duration;
import java.util.Collection;

/** Where refreshes of cached upstream entries wait for the one consumer that calls the upstream. */
public interface RefreshQueue {
    void request(Collection<Refresh> refreshes);

    /** Keeps a received refresh (by its receipt) from coming back for {@code delay}. */
    void putOff(String receipt, Duration delay);
}
