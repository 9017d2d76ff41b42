package dev.rushgate.room.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.ChangeAdmissionRate;
import dev.rushgate.room.domain.RateAsk;

/** {@code POST /v1/admin/rooms/{roomId}/pause}: the room admits nobody until resumed; answers the audit entry. */
public final class PauseRoomHttpHandler extends HttpHandler {
    private final ChangeAdmissionRate changeRate;

    public PauseRoomHttpHandler() {
        this(RoomWiring.changeAdmissionRate());
    }

    public PauseRoomHttpHandler(ChangeAdmissionRate changeRate) {
        this.changeRate = changeRate;
    }

    @Override
    protected Response handle(Request request) {
        String who = request.admin().userId();
        return Response.json(200, changeRate.change(who, request.adminId("roomId"), new RateAsk.Pause()));
    }
}
