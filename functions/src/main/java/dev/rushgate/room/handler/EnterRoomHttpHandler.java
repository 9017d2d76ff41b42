package dev.rushgate.room.handler;

import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.EnterRoom;
import dev.rushgate.room.domain.EnterRoomCommand;

/** {@code POST /v1/rooms/{roomId}/entries}: 201 with the caller's entry (the same one when entering again). */
public final class EnterRoomHttpHandler extends HttpHandler {
    private final EnterRoom enterRoom;

    public EnterRoomHttpHandler() {
        this(RoomWiring.enterRoom());
    }

    public EnterRoomHttpHandler(EnterRoom enterRoom) {
        this.enterRoom = enterRoom;
    }

    @Override
    protected Response handle(Request request) {
        var command = new EnterRoomCommand(request.adminId("roomId"), request.userId(), request.sourceIp());
        return EntryAnswer.of(201, enterRoom.enter(command));
    }
}
