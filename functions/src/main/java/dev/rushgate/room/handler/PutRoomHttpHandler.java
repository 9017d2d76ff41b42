package dev.rushgate.room.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.DefineRoom;
import dev.rushgate.room.domain.Room;
import dev.rushgate.room.domain.ViewRoom;

/** {@code PUT /v1/admin/rooms/{roomId}}: creates (201) or updates (200) a room; answers the admin view. */
public final class PutRoomHttpHandler extends HttpHandler {
    private final DefineRoom defineRoom;
    private final ViewRoom viewRoom;

    public PutRoomHttpHandler() {
        this(RoomWiring.defineRoom(), RoomWiring.viewRoom());
    }

    public PutRoomHttpHandler(DefineRoom defineRoom, ViewRoom viewRoom) {
        this.defineRoom = defineRoom;
        this.viewRoom = viewRoom;
    }

    @Override
    protected Response handle(Request request) {
        request.admin();
        Room room = request.body(RoomTerms.class).toRoom(request.adminId("roomId"));
        boolean created = defineRoom.define(room);
        return Response.json(created ? 201 : 200, viewRoom.adminView(room.roomId()));
    }
}
