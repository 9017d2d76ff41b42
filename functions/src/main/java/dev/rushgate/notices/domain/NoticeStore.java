package dev.rushgate.notices.domain;

import dev.rushgate.model.NoticeIssued;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Every user's notices, each stored once by its {@code notificationId} however often its fact is sent, listed
 * unread first and newest first within each, with the channels (webhooks) that have taken it.
 */
public interface NoticeStore {

    /** Stores it unless a notice of that id is stored already; answers the channels that took it before. */
    Set<String> store(NoticeIssued notice);

    /** Records that {@code channel} took the notice, so a redelivery does not send it there again. */
    void delivered(String userId, String notificationId, String channel);

    /** The user's notices, unread first, newest first within each; {@code cursor} from the previous page. */
    Page<Notice> page(String userId, String cursor, int limit);

    /** Marks those of the ids that are the user's and unread as read at {@code at}; answers how many changed. */
    int markRead(String userId, Collection<String> notificationIds, Instant at);
}
