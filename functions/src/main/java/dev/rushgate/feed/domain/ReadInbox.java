package dev.rushgate.feed.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reader's inbox, newest first: what the fan-out wrote there, merged with the posts of the loud authors the reader
 * follows (published since they subscribed), which were never fanned out. Every source is read with the same bound
 * (older than the cursor) and one more than the page, so the merged page and its cursor are exact.
 */
public final class ReadInbox {
    /** Subscriptions looked through for loud authors, per read. */
    static final int MOST_SUBSCRIPTIONS = 1_000;

    private final Inboxes inboxes;
    private final Subscriptions subscriptions;
    private final Authors authors;
    private final PostStore posts;

    public ReadInbox(Inboxes inboxes, Subscriptions subscriptions, Authors authors, PostStore posts) {
        this.inboxes = inboxes;
        this.subscriptions = subscriptions;
        this.authors = authors;
        this.posts = posts;
    }

    public Page<Inboxes.Entry> page(String reader, String cursor, int limit) {
        FeedCursor before = cursor == null ? null : FeedCursor.decode(cursor);
        Map<String, Inboxes.Entry> merged = new LinkedHashMap<>();
        inboxes.before(reader, before, limit + 1).forEach(e -> merged.putIfAbsent(e.postId(), e));
        List<Subscriptions.Subscription> followed = subscriptions.of(reader, null, MOST_SUBSCRIPTIONS).items();
        Set<String> loud = authors.loud(followed.stream().map(Subscriptions.Subscription::authorId).toList());
        for (Subscriptions.Subscription s : followed) {
            if (!loud.contains(s.authorId())) continue;
            posts.publishedBefore(s.authorId(), before, limit + 1).stream()
                    .filter(e -> !e.publishedAt().isBefore(s.since()))
                    .forEach(e -> merged.putIfAbsent(e.postId(), e));
        }
        List<Inboxes.Entry> newestFirst = new ArrayList<>(merged.values());
        newestFirst.sort((a, b) -> FeedCursor.NEWEST_FIRST.compare(a.place(), b.place()));
        if (newestFirst.size() <= limit) return new Page<>(newestFirst, null);
        List<Inboxes.Entry> page = newestFirst.subList(0, limit);
        return new Page<>(page, page.getLast().place().encode());
    }
}
