package dev.rushgate.platform;

/**
 * Where the rebuild of an event the cache lost stands (a flush, a failover, a cache restarted empty). Such an event is
 * never re-created empty, which would sell its stock or take its votes twice: it is rebuilt from storage once nothing
 * accepted is still on its way there.
 */
public enum RebuildCheck {
    /** The cache knows the event again: someone rebuilt it. */
    KNOWN,
    /** The way to storage has been seen empty for long enough: rebuild now. */
    REBUILD,
    /** Something accepted may still be on its way to storage. */
    WAIT
}
