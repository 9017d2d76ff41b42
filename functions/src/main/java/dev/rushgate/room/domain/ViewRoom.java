package dev.rushgate.room.domain;

import dev.rushgate.platform.errors.NotFound;

import java.time.Clock;

/** How a room's line stands, for anyone signed in, and in more detail for admins. */
public final class ViewRoom {
    private final WaitingLine line;
    private final Clock clock;

    public ViewRoom(WaitingLine line, Clock clock) {
        this.line = line;
        this.clock = clock;
    }

    public RoomView view(String roomId) {
        return RoomView.of(roomId, state(roomId));
    }

    public AdminRoomView adminView(String roomId) {
        return AdminRoomView.of(roomId, state(roomId));
    }

    private RoomState state(String roomId) {
        return line.view(roomId, clock.instant()).orElseThrow(() -> new NotFound("not-found", "No room " + roomId + "."));
    }
}
