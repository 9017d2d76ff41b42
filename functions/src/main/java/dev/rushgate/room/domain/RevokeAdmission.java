package dev.rushgate.room.domain;

import dev.rushgate.ops.domain.AuditControl;
import dev.rushgate.ops.domain.AuditEntry;
import dev.rushgate.ops.domain.Control;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.NotFound;
import dev.rushgate.platform.Ids;

import java.util.Map;

/**
 * Revokes one admission, by its token's {@code jti} (the entry id) or by the user whose entry it is: every gated
 * endpoint refuses it from then on. Recorded in the audit log with the jti revoked.
 */
public final class RevokeAdmission {
    private final WaitingLine line;
    private final AuditControl audit;

    public RevokeAdmission(WaitingLine line, AuditControl audit) {
        this.line = line;
        this.audit = audit;
    }

    /** Exactly one of {@code jti} and {@code userId} is given. */
    public AuditEntry revoke(String who, String roomId, String jti, String userId) {
        if ((jti == null) == (userId == null)) throw new BadInput("invalid-field", "give either jti or userId");
        if (jti != null && !Ids.isServerMade(jti)) {
            throw new BadInput("invalid-field", "jti must be an admission token's jti");
        }
        if (userId != null && (userId.isBlank() || userId.length() > 128)) {
            throw new BadInput("invalid-field", "userId must be 1 to 128 characters");
        }
        Map<String, String> asked = jti != null ? Map.of("jti", jti) : Map.of("userId", userId);
        return audit.run(new Control(who, "revoke", "room", roomId, asked), () -> {
            if (jti != null) {
                if (!line.revoke(roomId, jti)) throw new NotFound("not-found", "No room " + roomId + ".");
                return Map.of();
            }
            String revoked = line.revokeEntryOf(roomId, userId).orElseThrow(() -> new NotFound("not-found",
                    "No room " + roomId + ", or no entry of that user in it."));
            return Map.of("jti", revoked);
        });
    }
}
