package dev.rushgate.room.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.ViewRoom;

/** {@code GET /v1/rooms/{roomId}}: waiting, admitted, servingUpTo and the configured rate. */
public final class GetRoomHttpHandler extends HttpHandler {
    private final ViewRoom viewRoom;

    public GetRoomHttpHandler() {
        this(RoomWiring.viewRoom());
    }

    public GetRoomHttpHandler(ViewRoom viewRoom) {
        this.viewRoom = viewRoom;
    }

    @Override
    protected Response handle(Request request) {
        request.caller();
        return Response.json(200, viewRoom.view(request.adminId("roomId")));
    }
}
