package dev.rushgate.feed.domain;

import java.util.Optional;

/** Posts, and each author's list of them, kept together. */
public interface PostStore {

    /**
     * Stores a new post and its author's list entry at once. When a post of that id exists already (a retry with the
     * same idempotency key), nothing is written and the stored post is returned.
     */
    Post create(Post post);

    Optional<Post> find(String postId);

    /**
     * Records the inspection's decision on the post and on its author's list entry at once, only if the post is still
     * pending: false, changing nothing, when it was decided already (a replayed stream record).
     */
    boolean recordReview(Post reviewed);

    /** An author's posts, newest first. */
    Page<PostSummary> byAuthor(String authorId, String cursor, int limit);

    /** Up to {@code limit} of the author's PUBLISHED posts older than {@code before} (null: the newest), newest first. */
    java.util.List<Inboxes.Entry> publishedBefore(String authorId, FeedCursor before, int limit);
}
