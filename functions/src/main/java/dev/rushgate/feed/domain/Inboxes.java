package dev.rushgate.feed.domain;

import java.time.Instant;
import java.util.List;

/** Each reader's inbox: the published posts of the authors they follow, newest first. */
public interface Inboxes {

    /**
     * Puts the post in each reader's inbox. Idempotent: a post's place in an inbox is its key, so delivering it again
     * leaves one entry.
     */
    void deliver(Entry entry, List<String> readers);

    Page<Entry> read(String reader, String cursor, int limit);

    /** A post as an inbox shows it. */
    record Entry(String postId, String authorId, String title, String category, Instant publishedAt) {}
}
