package dev.rushgate.notices.domain;

import dev.rushgate.platform.errors.BadInput;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Marks some of the caller's notices read. Ids that are not the caller's, or unknown, or read already change nothing
 * (so a retry answers the same way and nobody learns which ids exist).
 */
public final class MarkNoticesRead {
    /** At most this many ids a call. */
    public static final int MOST = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final NoticeStore store;
    private final Clock clock;

    public MarkNoticesRead(NoticeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Answers how many were unread and are read now. */
    public int markRead(String userId, List<String> notificationIds) {
        if (notificationIds == null || notificationIds.isEmpty() || notificationIds.size() > MOST) {
            throw new BadInput("invalid-field", "notificationIds must hold 1 to " + MOST + " ids.");
        }
        for (String id : notificationIds) {
            if (id == null || !ID.matcher(id).matches()) {
                throw new BadInput("invalid-field", "notificationIds holds an id of a shape we never issue.");
            }
        }
        return store.markRead(userId, new LinkedHashSet<>(notificationIds), clock.instant());
    }
}
