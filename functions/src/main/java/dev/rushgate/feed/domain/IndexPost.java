package dev.rushgate.feed.domain;

/**
 * Brings the search index in line with the post store for one post: a PUBLISHED post is indexed, anything else (a
 * rejected post, one deleted) is removed. It reads the post as it is now, not as the message said it was, so a
 * message handled twice, late, or out of order leaves the index as the store is.
 */
public final class IndexPost {
    private final PostStore posts;
    private final PostSearch search;

    public IndexPost(PostStore posts, PostSearch search) {
        this.posts = posts;
        this.search = search;
    }

    /** @return whether the post is now searchable */
    public boolean sync(String postId) {
        var post = posts.find(postId).filter(p -> p.status() == PostStatus.PUBLISHED);
        if (post.isPresent()) {
            search.index(post.get());
            return true;
        }
        search.remove(postId);
        return false;
    }
}
