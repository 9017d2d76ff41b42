package dev.rushgate.feed.domain;

import java.time.Instant;
import java.util.Objects;

/** Where pages of a post's fan-out wait to be written: each names the post and the follower to start after. */
public interface FanOutQueue {

    void send(Page page);

    /** One page of a fan-out: the post as inboxes show it, and the follower id to start after (null: the first). */
    record Page(String postId, String authorId, String title, String category, Instant publishedAt, String after) {
        public Page {
            Objects.requireNonNull(postId, "postId");
            Objects.requireNonNull(authorId, "authorId");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(publishedAt, "publishedAt");
        }

        public Inboxes.Entry entry() {
            return new Inboxes.Entry(postId, authorId, title, category, publishedAt);
        }
    }
}
