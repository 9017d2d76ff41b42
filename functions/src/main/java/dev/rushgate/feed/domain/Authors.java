package dev.rushgate.feed.domain;

import java.util.Collection;
import java.util.Set;

/** What the feed keeps per author: how many follow them, and whether they are loud. */
public interface Authors {

    /** How many follow the author, and whether they are loud: one read. */
    Standing standing(String authorId);

    /**
     * Marks the author loud, for good: from the first post published while they had as many followers as the threshold,
     * their posts are merged in at read time, never fanned out; so each post is one or the other, whatever the count
     * does later.
     */
    void markLoud(String authorId);

    /** Which of these authors are loud. */
    Set<String> loud(Collection<String> authorIds);

    record Standing(long followers, boolean loud) {}
}
