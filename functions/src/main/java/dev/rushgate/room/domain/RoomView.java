package dev.rushgate.room.domain;

/** {@code GET /v1/rooms/{roomId}}: how the line stands. */
public record RoomView(String roomId, long waiting, long admitted, long servingUpTo, int admitPerSecond) {

    static RoomView of(String roomId, RoomState room) {
        return new RoomView(roomId, room.waiting(), room.admitted(), room.servingUpTo(), room.admitPerSecond());
    }
}
