package dev.rushgate.feed.domain;

/** A reader's inbox, newest first: the published posts of the authors they followed when each was published. */
public final class ReadInbox {
    private final Inboxes inboxes;

    public ReadInbox(Inboxes inboxes) {
        this.inboxes = inboxes;
    }

    public Page<Inboxes.Entry> page(String reader, String cursor, int limit) {
        return inboxes.read(reader, cursor, limit);
    }
}
