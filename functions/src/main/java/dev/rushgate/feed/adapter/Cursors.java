package dev.rushgate.feed.adapter;

import dev.rushgate.feed.domain.Follow;
import dev.rushgate.platform.errors.BadInput;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/** The subscriptions' page cursor: an author id, base64url, checked on the way back to be of the shape we issue. */
final class Cursors {
    private Cursors() {}

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
}
