package dev.rushgate.feed.domain;

/**
 * Full-text search over published posts, Korean and English alike. The index is a copy kept beside the post store:
 * what it holds can always be rebuilt from the published posts, so both writes are idempotent and safe to replay.
 */
public interface PostSearch {

    /** Makes a published post findable; indexing the same post again replaces it, never adds a second copy. */
    void index(Post post);

    /** Makes a post unfindable; removing one that is not there is not an error. */
    void remove(String postId);

    /**
     * Published posts matching the query, best match first (then newest, then by id, so a page order is total).
     *
     * @throws dev.rushgate.platform.errors.BadInput {@code invalid-cursor} for a cursor this search did not issue
     */
    Page<SearchHit> search(SearchQuery query);
}
