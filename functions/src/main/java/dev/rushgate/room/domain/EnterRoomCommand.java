package dev.rushgate.room.domain;

import java.util.Objects;

/** A user asking for a place in a room's line, from {@code sourceAddress}. */
public record EnterRoomCommand(String roomId, String userId, String sourceAddress) {
    public EnterRoomCommand {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
    }
}
