package dev.rushgate.stats.domain;

import java.util.List;
import java.util.Map;

/**
 * What the deciding calls counted in the cache: each event's answers per second (kept for {@link #window()} seconds)
 * and how often each user was refused. Both are running totals the roll-up copies, never consumes.
 */
public interface LiveTallies {

    /** An event the live view lists, with when it was last defined (epoch ms). */
    record Listed(String kind, String id, long definedAtMillis) {}

    /** The events listed, most recently defined first, at most {@code max}. */
    List<Listed> events(int max);

    /**
     * The answers of each minute from {@code fromMinute} to {@code toMinute} (epoch seconds of their starts, inclusive),
     * summed over its 60 seconds; minutes with none left out.
     */
    Map<Long, Map<String, Long>> minutes(String kind, String id, long fromMinute, long toMinute);

    /**
     * Whether any second from the start of {@code fromMinute} to the end of {@code toMinute} counted an answer: what
     * {@link #minutes} would find something in, without reading the counts.
     */
    boolean anyIn(String kind, String id, long fromMinute, long toMinute);

    /** The users refused most often, at most {@code max}, with their refusals since the event began (or the key's expiry). */
    Map<String, Long> refusedUsers(String kind, String id, int max);

    /** How many seconds a second's counts are kept. */
    int window();
}
