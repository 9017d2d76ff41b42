package dev.rushgate.room.domain;

import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.NotFound;
import dev.rushgate.platform.Ids;

/** Revokes one admission by its token's {@code jti}: every gated endpoint refuses it from then on. */
public final class RevokeAdmission {
    private final WaitingLine line;

    public RevokeAdmission(WaitingLine line) {
        this.line = line;
    }

    public void revoke(String roomId, String jti) {
        if (!Ids.isServerMade(jti)) throw new BadInput("invalid-field", "jti must be an admission token's jti");
        if (!line.revoke(roomId, jti)) throw new NotFound("not-found", "No room " + roomId + ".");
    }
}
