package dev.rushgate.feed.domain;

/** The caller's own posts, newest first, each with its status and any rejection's reasons. */
public final class ListMyPosts {
    private final PostStore posts;

    public ListMyPosts(PostStore posts) {
        this.posts = posts;
    }

    public Page<PostSummary> page(String authorId, String cursor, int limit) {
        return posts.byAuthor(authorId, cursor, limit);
    }
}
