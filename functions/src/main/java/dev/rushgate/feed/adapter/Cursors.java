package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Follow;
import dev.rushgate.platform.errors.BadInput;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** The feed's page cursors: a sort key, base64url, checked on the way back to be of the shape we issue. */
final class Cursors {
    private Cursors() {}

    /** {@code epochMillis#postId}: the author-posts and inboxes sort key. */
    static final Pattern TIME_AND_POST = Pattern.compile("\\d{13}#[0-9a-f]{32}");
    /** A user id, as subscriptions sort by. */
    static final Pattern USER = Follow.USER_ID;

    static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor, Pattern shape) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!shape.matcher(key).matches()) throw new IllegalArgumentException(key);
            return key;
        } catch (IllegalArgumentException e) {
            throw new BadInput("invalid-cursor", "cursor is not one we issued");
        }
    }

    /** The sort key of a post at {@code epochMillis}: zero-padded, so keys sort by time. */
    static String timeAndPost(long epochMillis, String postId) {
        return String.format("%013d#%s", epochMillis, postId);
    }
}
