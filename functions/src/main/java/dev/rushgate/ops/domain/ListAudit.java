package dev.rushgate.ops.domain;

/** Lists the audit log of operator controls, newest first. */
public final class ListAudit {
    private final AuditLog log;

    public ListAudit(AuditLog log) {
        this.log = log;
    }

    public AuditLog.AuditPage list(String cursor, int limit) {
        return log.newestFirst(cursor, limit);
    }
}
