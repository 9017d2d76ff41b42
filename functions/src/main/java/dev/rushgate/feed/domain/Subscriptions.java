package dev.rushgate.feed.domain;

import java.time.Instant;
import java.util.List;

/** Who follows whom, kept both ways: a reader's subscriptions, and an author's followers for the fan-out. */
public interface Subscriptions {

    /** Subscribes, both ways at once; false, changing nothing, when already subscribed. */
    boolean subscribe(String followerId, String authorId, Instant since);

    /** Unsubscribes, both ways at once; nothing when not subscribed. */
    void unsubscribe(String followerId, String authorId);

    /** The reader's subscriptions, by author id. */
    Page<Subscription> of(String followerId, String cursor, int limit);

    /** Up to {@code limit} followers of the author after {@code after} (null: from the first), by follower id. */
    List<String> followers(String authorId, String after, int limit);

    record Subscription(String authorId, Instant since) {}
}
