package dev.rushgate.feed.domain;

import dev.rushgate.platform.errors.BadInput;

import java.time.Clock;
import java.util.regex.Pattern;

/** Subscribing to an author and unsubscribing; both idempotent. */
public final class Follow {
    /** User ids as identity providers make them (a JWT's {@code sub}). */
    public static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9._:@|+-]{1,128}");

    private final Subscriptions subscriptions;
    private final Clock clock;

    public Follow(Subscriptions subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** @return true when the subscription is new */
    public boolean subscribe(String followerId, String authorId) {
        check(followerId, authorId);
        return subscriptions.subscribe(followerId, authorId, clock.instant());
    }

    public void unsubscribe(String followerId, String authorId) {
        check(followerId, authorId);
        subscriptions.unsubscribe(followerId, authorId);
    }

    public Page<Subscriptions.Subscription> list(String followerId, String cursor, int limit) {
        return subscriptions.of(followerId, cursor, limit);
    }

    private static void check(String followerId, String authorId) {
        if (authorId == null || !USER_ID.matcher(authorId).matches()) {
            throw new BadInput("invalid-id", "authorId must match " + USER_ID.pattern());
        }
        if (authorId.equals(followerId)) throw new BadInput("invalid-id", "You cannot subscribe to yourself.");
    }
}
