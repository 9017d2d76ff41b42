package dev.rushgate.feed.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A post. It is stored {@link PostStatus#PENDING_REVIEW} and is its own outbox: its change on the posts stream starts
 * the inspection, which moves it to PUBLISHED (with the inspection's category and hashtags) or REJECTED (with reasons
 * its author can read), once.
 *
 * @param tags       the author's own tags
 * @param hashtags   the inspection's, empty until published
 * @param reviewedAt when the inspection decided, null while pending
 */
public record Post(String postId, String authorId, String title, String body, String category, List<String> tags,
                   PostStatus status, List<String> reasons, List<String> hashtags, Instant createdAt,
                   Instant reviewedAt) {

    public Post {
        Objects.requireNonNull(postId, "postId");
        Objects.requireNonNull(authorId, "authorId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        tags = List.copyOf(tags);
        reasons = List.copyOf(reasons);
        hashtags = List.copyOf(hashtags);
    }

    /** A new post, waiting for its inspection. */
    public static Post pending(String postId, String authorId, String title, String body, String category,
                               List<String> tags, Instant createdAt) {
        return new Post(postId, authorId, title, body, category, tags, PostStatus.PENDING_REVIEW, List.of(), List.of(),
                createdAt, null);
    }

    /** This post as the inspection decided it. */
    public Post reviewed(Inspection inspection, Instant at) {
        return new Post(postId, authorId, title, body, inspection.category(), tags,
                inspection.approved() ? PostStatus.PUBLISHED : PostStatus.REJECTED, inspection.reasons(),
                inspection.hashtags(), createdAt, at);
    }

    public PostDraft draft() {
        return new PostDraft(title, body, category);
    }
}
