package dev.rushgate.feed.domain;

import dev.rushgate.platform.errors.BadInput;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * A place in a list of posts, newest first: a post's creation time and id. The author-posts and inboxes tables sort by
 * it ({@link #sortKey()}), so an inbox and loud authors' posts merge in one order, and a page's cursor is the last
 * place it showed.
 */
public record FeedCursor(long createdAtMillis, String postId) {
    private static final Pattern SORT_KEY = Pattern.compile("(\\d{13})#([0-9a-f]{32})");
    /** Newest first: later times first, then higher ids. */
    public static final Comparator<FeedCursor> NEWEST_FIRST = Comparator.comparingLong(FeedCursor::createdAtMillis)
            .thenComparing(FeedCursor::postId).reversed();

    public static FeedCursor of(Instant createdAt, String postId) {
        return new FeedCursor(createdAt.toEpochMilli(), postId);
    }

    /** {@code epochMillis#postId}, zero-padded, so keys sort by time. */
    public String sortKey() {
        return String.format("%013d#%s", createdAtMillis, postId);
    }

    public static FeedCursor fromSortKey(String sortKey) {
        var m = SORT_KEY.matcher(sortKey);
        if (!m.matches()) throw new IllegalArgumentException("not a feed sort key: " + sortKey);
        return new FeedCursor(Long.parseLong(m.group(1)), m.group(2));
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey().getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor this API issued; 400 {@code invalid-cursor} for anything else. */
    public static FeedCursor decode(String cursor) {
        try {
            return fromSortKey(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new BadInput("invalid-cursor", "cursor is not one we issued");
        }
    }
}
