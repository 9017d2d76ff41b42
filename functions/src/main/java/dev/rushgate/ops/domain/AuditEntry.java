package dev.rushgate.ops.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One operator control as the audit log keeps it: who asked for what, when, on which event, and how it ended.
 * {@code details} holds what was asked and, once applied, the values before and after ({@code before}, {@code after},
 * or a field's name with {@code Before}/{@code After}). An entry is written {@link Status#STARTED} before its control
 * runs and settled after, so no control takes effect without an entry: one left STARTED means the control's outcome
 * was never recorded (its process died between the two) and may or may not have taken effect.
 *
 * @param code the problem code of a REFUSED control ({@code not-found}, {@code closed}, …); null otherwise
 */
public record AuditEntry(String entryId, Instant at, String who, String action, String kind, String id,
                         Map<String, String> details, Status status, String code) {

    /** Where the entry's control stands. */
    public enum Status { STARTED, DONE, REFUSED, FAILED }

    public AuditEntry {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        details = Map.copyOf(details);
    }

    /** This entry, settled with {@code status}, {@code code} and {@code more} details. */
    public AuditEntry settled(Status status, String code, Map<String, String> more) {
        var all = new java.util.TreeMap<>(details);
        all.putAll(more);
        return new AuditEntry(entryId, at, who, action, kind, id, all, status, code);
    }
}
