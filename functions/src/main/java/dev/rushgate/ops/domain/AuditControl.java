package dev.rushgate.ops.domain;

import dev.rushgate.platform.Ids;
import dev.rushgate.platform.errors.DomainException;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs an operator's control under the audit log, so the two cannot diverge silently: the entry is written STARTED
 * first (a control whose entry cannot be written does not run), then the control, then the entry is settled DONE with
 * the values before and after, REFUSED with the problem's code, or FAILED. Every control is idempotent (it sets a
 * state, never adds to one), so an entry left STARTED by a crash is resolved by running the control again.
 */
public final class AuditControl {
    private final AuditLog log;
    private final Clock clock;

    public AuditControl(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Runs {@code apply}, which answers the details to record (before and after); answers the settled entry.
     * A refusal or failure is recorded, then thrown on as it came.
     */
    public AuditEntry run(Control control, Supplier<Map<String, String>> apply) {
        var at = clock.instant();
        var started = new AuditEntry(Ids.timeOrdered(at.toEpochMilli()), at, control.who(), control.action(),
                control.kind(), control.id(), control.asked(), AuditEntry.Status.STARTED, null);
        log.append(started);
        Map<String, String> applied;
        try {
            applied = apply.get();
        } catch (DomainException refused) {
            settleQuietly(started.settled(AuditEntry.Status.REFUSED, refused.code(), Map.of()), refused);
            throw refused;
        } catch (RuntimeException failed) {
            settleQuietly(started.settled(AuditEntry.Status.FAILED, null, Map.of()), failed);
            throw failed;
        }
        var done = started.settled(AuditEntry.Status.DONE, null, applied);
        log.settle(done);
        return done;
    }

    /** The control's own outcome is what the caller must hear; a failure to record it rides along with it. */
    private void settleQuietly(AuditEntry entry, RuntimeException outcome) {
        try {
            log.settle(entry);
        } catch (RuntimeException e) {
            outcome.addSuppressed(e);
        }
    }
}
