package dev.rushgate.room.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.ViewRoom;

/** {@code GET /v1/admin/rooms/{roomId}}: the room with abandoned, expired and refused counts. */
public final class GetAdminRoomHttpHandler extends HttpHandler {
    private final ViewRoom viewRoom;

    public GetAdminRoomHttpHandler() {
        this(RoomWiring.viewRoom());
    }

    public GetAdminRoomHttpHandler(ViewRoom viewRoom) {
        this.viewRoom = viewRoom;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        return Response.json(200, viewRoom.adminView(request.adminId("roomId")));
    }
}
