package dev.rushgate.feed.domain;

import java.util.Objects;

/**
 * A user's public profile, as the upstream user service (another team's) serves it, or the placeholder shown while
 * it cannot: the user id alone, marked {@code placeholder} so a client can render it as such.
 */
public record Profile(String userId, String displayName, boolean placeholder) {

    public Profile {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(displayName, "displayName");
    }

    public static Profile placeholder(String userId) {
        return new Profile(userId, userId, true);
    }
}
