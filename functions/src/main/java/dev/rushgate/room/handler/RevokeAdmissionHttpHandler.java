package dev.rushgate.room.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.RevokeAdmission;

import java.util.Map;

/** {@code POST /v1/admin/rooms/{roomId}/revocations {"jti"}}: every gated endpoint refuses that token from now on. */
public final class RevokeAdmissionHttpHandler extends HttpHandler {

    record Revocation(String jti) {}

    private final RevokeAdmission revokeAdmission;

    public RevokeAdmissionHttpHandler() {
        this(RoomWiring.revokeAdmission());
    }

    public RevokeAdmissionHttpHandler(RevokeAdmission revokeAdmission) {
        this.revokeAdmission = revokeAdmission;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        String roomId = request.adminId("roomId");
        String jti = request.body(Revocation.class).jti();
        revokeAdmission.revoke(roomId, jti);
        return Response.json(201, Map.of("jti", jti, "status", "REVOKED"));
    }
}
