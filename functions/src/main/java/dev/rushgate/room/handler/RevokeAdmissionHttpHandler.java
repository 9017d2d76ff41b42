package dev.rushgate.room.handler;

import dev.rushgate.ops.domain.AuditEntry;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.RevokeAdmission;

import java.util.Map;

/**
 * {@code POST /v1/admin/rooms/{roomId}/revocations {"jti"} | {"userId"}}: every gated endpoint refuses that admission
 * from now on; answers the jti revoked and the audit entry.
 */
public final class RevokeAdmissionHttpHandler extends HttpHandler {

    record Revocation(String jti, String userId) {}

    private final RevokeAdmission revokeAdmission;

    public RevokeAdmissionHttpHandler() {
        this(RoomWiring.revokeAdmission());
    }

    public RevokeAdmissionHttpHandler(RevokeAdmission revokeAdmission) {
        this.revokeAdmission = revokeAdmission;
    }

    @Override
    protected Response handle(Request request) {
        String who = request.admin().userId();
        String roomId = request.adminId("roomId");
        Revocation asked = request.body(Revocation.class);
        AuditEntry entry = revokeAdmission.revoke(who, roomId, asked.jti(), asked.userId());
        return Response.json(201, Map.of("jti", entry.details().get("jti"), "status", "REVOKED", "audit", entry));
    }
}
