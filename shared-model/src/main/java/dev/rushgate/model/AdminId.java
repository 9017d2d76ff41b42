package dev.rushgate.model;

import java.util.regex.Pattern;

/** The shape of ids chosen by admins ({@code dropId}, {@code roomId}, …): CONTRACT.md's conventions. */
public final class AdminId {
    private AdminId() {}

    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Whether {@code id} matches {@link #PATTERN}; checked by hand, as it is on every request's path. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) return false;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
            if (!ok) return false;
        }
        return true;
    }
}
