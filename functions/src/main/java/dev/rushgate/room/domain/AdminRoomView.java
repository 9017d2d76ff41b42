package dev.rushgate.room.domain;

/**
 * The admin's view of a room: the public numbers plus what the line refused or dropped, and the rate it
 * actually admits at.
 */
public record AdminRoomView(String roomId, long waiting, long admitted, long servingUpTo, int admitPerSecond,
                            double observedAdmitPerSecond, long abandoned, long expired, Refused refused) {

    /** Entries refused by the per-user and per-address limits. */
    public record Refused(long perUser, long perIp) {}

    static AdminRoomView of(String roomId, RoomState room) {
        return new AdminRoomView(roomId, room.waiting(), room.admitted(), room.servingUpTo(), room.admitPerSecond(),
                room.observedRate(), room.abandoned(), room.expired(), new Refused(room.refusedUser(), room.refusedIp()));
    }
}
