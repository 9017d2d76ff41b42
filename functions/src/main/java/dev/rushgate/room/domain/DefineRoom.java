package dev.rushgate.room.domain;

import java.time.Clock;

/** Creates or updates a room. Changing the rate (0 pauses) keeps every admission already made. */
public final class DefineRoom {
    private final WaitingLine line;
    private final Clock clock;

    public DefineRoom(WaitingLine line, Clock clock) {
        this.line = line;
        this.clock = clock;
    }

    /** @return true when the room is new */
    public boolean define(Room room) {
        return line.define(room, clock.instant());
    }
}
