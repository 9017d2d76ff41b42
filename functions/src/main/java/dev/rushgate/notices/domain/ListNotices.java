package dev.rushgate.notices.domain;

/** The caller's notices, unread first, newest first within each. */
public final class ListNotices {
    private final NoticeStore store;

    public ListNotices(NoticeStore store) {
        this.store = store;
    }

    public Page<Notice> list(String userId, String cursor, int limit) {
        return store.page(userId, cursor, limit);
    }
}
