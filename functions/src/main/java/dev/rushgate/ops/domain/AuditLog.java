package dev.rushgate.ops.domain;

/**
 * The audit log of operator controls, newest first. Entries are only added and settled, never removed, and a page
 * read after a control settled shows it settled.
 */
public interface AuditLog {

    /** Adds a new entry (STARTED, before its control runs). */
    void append(AuditEntry entry);

    /** Replaces the entry of the same id with its settled form. */
    void settle(AuditEntry entry);

    /** A page of entries, newest first; {@code cursor} is null for the first page. */
    AuditPage newestFirst(String cursor, int limit);

    /** One page of entries and the cursor of the next (null on the last page). */
    record AuditPage(java.util.List<AuditEntry> items, String nextCursor) {
        public AuditPage {
            items = java.util.List.copyOf(items);
        }
    }
}
