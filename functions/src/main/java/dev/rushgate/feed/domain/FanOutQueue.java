package dev.rushgate.feed.domain;

import java.time.Instant;
import java.util.Objects;

/** Where pages of a post's fan-out wait to be written: each names the post and the follower to start after. */
public interface FanOutQueue {

    void send(Page page);

    /** One page of a fan-out: the post as inboxes show it, and the follower id to start after (null: the first). */
    record Page(Inboxes.Entry entry, String after) {
        public Page {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(entry.postId(), "postId");
            Objects.requireNonNull(entry.authorId(), "authorId");
            Objects.requireNonNull(entry.createdAt(), "createdAt");
            Objects.requireNonNull(entry.publishedAt(), "publishedAt");
        }
    }
}
