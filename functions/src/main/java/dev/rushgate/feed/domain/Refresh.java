package dev.rushgate.feed.domain;

import java.util.Objects;

/** One cached entry to read again from the upstream: a user's profile, or the categories ({@code userId} null). */
public record Refresh(Kind kind, String userId) {

    public enum Kind { PROFILE, CATEGORIES }

    public Refresh {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.PROFILE) != (userId != null)) {
            throw new IllegalArgumentException("a profile refresh names a user, a categories refresh none");
        }
    }

    public static Refresh profile(String userId) {
        return new Refresh(Kind.PROFILE, userId);
    }

    public static Refresh categories() {
        return new Refresh(Kind.CATEGORIES, null);
    }
}
