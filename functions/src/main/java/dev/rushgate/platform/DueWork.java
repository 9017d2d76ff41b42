package dev.rushgate.platform;

import java.time.Instant;
import java.util.Optional;

/**
 * When a scheduled sweep of the database has anything to do, known without asking the database: so that a sweep
 * with nothing due leaves Aurora asleep. Writers mark, before they write, when their change will give the sweep work;
 * the sweep asks {@link #check} first, and after reading the database records what it handled and what the database
 * says falls due next.
 *
 * <p>Why nothing is missed: a mark scored at or before a sweep's start was made before that start, so the change it
 * announces was committed before it too (or never was) when it fell due, and the sweep's own queries, made after its
 * start, see it; later marks stay. What the mark did not name, the database's next due time names. Marks lost with
 * the cache show as {@link Check#UNKNOWN} (the key that trusts them is gone too, or has expired a day after the last
 * full sweep): the sweep then reads the database in full.
 */
public interface DueWork {

    /** What {@link #check} found. */
    enum Check {
        /** Nothing is due: the sweep need not touch the database. */
        NOTHING_DUE,
        /** Something is due by now. */
        DUE,
        /** The marks cannot be trusted (lost, or not confirmed by a full sweep within the hour): sweep in full. */
        UNKNOWN
    }

    /** Something committed falls due at {@code at} (an expiry, a retry time). Call after the commit. */
    void due(String id, Instant at);

    Check check(Instant now);

    /**
     * A sweep that began at {@code began} handled everything due by then ({@code complete}: no query stopped at its
     * batch size); {@code next} is when the database says something falls due next, if anything. {@code full}: the
     * sweep read everything due, so the marks are trusted again for an hour.
     */
    void swept(Instant began, boolean complete, Optional<Instant> next, boolean full);
}
