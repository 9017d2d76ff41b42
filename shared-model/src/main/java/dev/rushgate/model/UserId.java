package dev.rushgate.model;

import java.util.regex.Pattern;

/**
 * The shape of a user id as the identity provider issues it ({@code sub}): what a field naming a user, such as an
 * event's {@code ownerId}, must match. The same shape as the feed's author ids.
 */
public final class UserId {
    private UserId() {}

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._:@|+-]{1,128}");

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
