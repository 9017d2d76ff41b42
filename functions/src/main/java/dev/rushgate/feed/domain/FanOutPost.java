package dev.rushgate.feed.domain;

import java.util.List;
import java.util.Optional;

/**
 * Puts a published post in its author's followers' inboxes, a page of followers at a time: {@link #start} queues the
 * first page; {@link #writePage} writes one page and queues the next. Every step is idempotent (an inbox entry is
 * keyed by the post), so a page handled twice, or a post published again by a redrive, puts nothing twice.
 *
 * <p>A loud author (as many followers as {@code loudFollowers}, once) is not fanned out: writing a post to a million
 * inboxes would cost a million writes, so readers merge such posts in when they read ({@link ReadInbox}).
 */
public final class FanOutPost {
    /** Followers per page: one query, then BatchWriteItem in 25s. */
    public static final int PAGE = 1_000;

    private final PostStore posts;
    private final Subscriptions subscriptions;
    private final Inboxes inboxes;
    private final FanOutQueue queue;
    private final Authors authors;
    private final long loudFollowers;
    private final SearchIndexQueue index;

    public FanOutPost(PostStore posts, Subscriptions subscriptions, Inboxes inboxes, FanOutQueue queue,
                      Authors authors, long loudFollowers, SearchIndexQueue index) {
        this.posts = posts;
        this.subscriptions = subscriptions;
        this.inboxes = inboxes;
        this.queue = queue;
        this.authors = authors;
        this.loudFollowers = loudFollowers;
        this.index = index;
    }

    /**
     * Queues a post the stream showed published, rejected or deleted for the search index (whatever it is now, the
     * indexer makes the index agree), then the first page of its fan-out if it is published and its author is not
     * loud.
     *
     * @return the post when its fan-out was queued
     */
    public Optional<Post> start(String postId) {
        index.send(postId);
        Optional<Post> post = posts.find(postId).filter(p -> p.status() == PostStatus.PUBLISHED);
        if (post.isEmpty()) return Optional.empty();
        Post p = post.get();
        Authors.Standing author = authors.standing(p.authorId());
        if (author.loud()) return Optional.empty();
        if (author.followers() >= loudFollowers) {
            authors.markLoud(p.authorId());
            return Optional.empty();
        }
        queue.send(new FanOutQueue.Page(new Inboxes.Entry(p.postId(), p.authorId(), p.title(), p.category(),
                p.createdAt(), p.reviewedAt()), null));
        return post;
    }

    /** @return how many inboxes the page wrote to */
    public int writePage(FanOutQueue.Page page) {
        List<String> followers = subscriptions.followers(page.entry().authorId(), page.after(), PAGE);
        if (followers.isEmpty()) return 0;
        inboxes.deliver(page.entry(), followers);
        if (followers.size() == PAGE) queue.send(new FanOutQueue.Page(page.entry(), followers.getLast()));
        return followers.size();
    }
}
