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

    /** Up to {@code limit} entries of the reader's inbox older than {@code before} (null: the newest), newest first. */
    List<Entry> before(String reader, FeedCursor before, int limit);

    /** A post as an inbox shows it; {@code createdAt} places it, {@code publishedAt} is shown. */
    record Entry(String postId, String authorId, String title, String category, Instant createdAt,
                 Instant publishedAt) {
        public FeedCursor place() {
            return FeedCursor.of(createdAt, postId);
        }
    }
}
