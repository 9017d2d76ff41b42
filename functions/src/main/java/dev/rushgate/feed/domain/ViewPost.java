package dev.rushgate.feed.domain;

import dev.rushgate.platform.errors.NotFound;

/**
 * One post: anyone may read it once PUBLISHED; before that, or when REJECTED, only its author (who sees why). To
 * anyone else such a post does not exist.
 */
public final class ViewPost {
    private final PostStore posts;

    public ViewPost(PostStore posts) {
        this.posts = posts;
    }

    public Post view(String postId, String callerId) {
        return posts.find(postId)
                .filter(p -> p.status() == PostStatus.PUBLISHED || p.authorId().equals(callerId))
                .orElseThrow(() -> new NotFound("not-found", "No post " + postId + "."));
    }
}
