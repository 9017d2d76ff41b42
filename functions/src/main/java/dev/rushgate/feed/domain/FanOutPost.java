package dev.rushgate.feed.domain;

import java.util.List;
import java.util.Optional;

/**
 * Puts a published post in its author's followers' inboxes, a page of followers at a time: {@link #start} queues the
 * first page; {@link #writePage} writes one page and queues the next. Every step is idempotent (an inbox entry is
 * keyed by the post), so a page handled twice, or a post published again by a redrive, puts nothing twice.
 */
public final class FanOutPost {
    /** Followers per page: one query, then BatchWriteItem in 25s. */
    public static final int PAGE = 1_000;

    private final PostStore posts;
    private final Subscriptions subscriptions;
    private final Inboxes inboxes;
    private final FanOutQueue queue;

    public FanOutPost(PostStore posts, Subscriptions subscriptions, Inboxes inboxes, FanOutQueue queue) {
        this.posts = posts;
        this.subscriptions = subscriptions;
        this.inboxes = inboxes;
        this.queue = queue;
    }

    /** Queues the first page of a post the stream showed published; nothing for a post not (or no longer) so. */
    public Optional<Post> start(String postId) {
        Optional<Post> post = posts.find(postId).filter(p -> p.status() == PostStatus.PUBLISHED);
        post.ifPresent(p -> queue.send(new FanOutQueue.Page(p.postId(), p.authorId(), p.title(), p.category(),
                p.reviewedAt(), null)));
        return post;
    }

    /** @return how many inboxes the page wrote to */
    public int writePage(FanOutQueue.Page page) {
        List<String> followers = subscriptions.followers(page.authorId(), page.after(), PAGE);
        if (followers.isEmpty()) return 0;
        inboxes.deliver(page.entry(), followers);
        if (followers.size() == PAGE) {
            queue.send(new FanOutQueue.Page(page.postId(), page.authorId(), page.title(), page.category(),
                    page.publishedAt(), followers.getLast()));
        }
        return followers.size();
    }
}
