package dev.rushgate.feed.domain;

import java.time.Clock;
import java.util.Optional;

/**
 * Inspects one pending post and records the decision, once: PUBLISHED, or REJECTED with reasons. A post decided
 * already (a replayed stream record) is left as it is, and the inspector is not asked again. When no decision can be
 * had ({@link Inspector.InspectionUnavailable}) the exception goes up, so the stream retries the record, and after
 * its bounded retries sets it aside on the failure queue, where the dead-letter view lists it.
 */
public final class InspectPost {
    private final Inspector inspector;
    private final PostStore posts;
    private final Clock clock;

    public InspectPost(Inspector inspector, PostStore posts, Clock clock) {
        this.inspector = inspector;
        this.posts = posts;
        this.clock = clock;
    }

    /**
     * @param postId a post the stream showed pending
     * @return the post as decided now, or as someone decided it before; empty when there is no such post
     */
    public Optional<Post> inspect(String postId) {
        // the stream's record may be older than the post: a post decided since is not inspected again
        var current = posts.find(postId);
        if (current.isEmpty() || current.get().status() != PostStatus.PENDING_REVIEW) return current;
        Post reviewed = current.get().reviewed(inspector.inspect(current.get().draft()), clock.instant());
        return posts.recordReview(reviewed) ? Optional.of(reviewed) : posts.find(postId);
    }
}
