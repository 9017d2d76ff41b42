package dev.rushgate.drops.domain;

import dev.rushgate.platform.RebuildCheck;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The stock's side of rebuilding a drop the cache lost (a flush, a failover, a cache restarted empty). A drop the
 * cache does not know is never re-created with a count of 0, which would sell its stock twice: it is rebuilt from its
 * stored claims once nothing accepted is still on its way to storage.
 */
public interface StockRecovery {

    /** Takes the drop's rebuild for {@code hold}, so one caller at a time checks the queue; false when taken. */
    boolean takeRebuild(String dropId, Duration hold);

    /**
     * Records whether the claims queue was just seen {@code drained}, and says whether it has been seen so since
     * {@code settle} before {@code now}.
     */
    RebuildCheck quiet(String dropId, boolean drained, Instant now, Duration settle);

    /** Rebuilds the drop's counts, holders and idempotency keys from {@code stored}, unless the cache knows it. */
    void restore(Drop drop, List<StoredClaim> stored);
}
