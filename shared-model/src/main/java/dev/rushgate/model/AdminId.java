package dev.rushgate.model;

import java.util.regex.Pattern;

/** The shape of ids chosen by admins ({@code dropId}, {@code roomId}, …): CONTRACT.md's conventions. */
public final class AdminId {
    private AdminId() {}

    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
