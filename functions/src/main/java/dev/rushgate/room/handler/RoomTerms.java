package dev.rushgate.room.handler;

import dev.rushgate.room.domain.Room;
import dev.rushgate.platform.errors.BadInput;

import java.time.Duration;
import java.time.Instant;

/** The body of {@code PUT /v1/admin/rooms/{roomId}}; boxed numbers so that a missing one is an error. */
record RoomTerms(Integer admitPerSecond, Integer admissionTtlSeconds, Instant opensAt, Integer abandonAfterSeconds,
                 Integer entriesPerUserPerMinute, Integer entriesPerIpPerMinute) {

    static final int DEFAULT_ABANDON_SECONDS = 60;
    static final int DEFAULT_PER_USER = 10;
    static final int DEFAULT_PER_IP = 1_000;

    Room toRoom(String roomId) {
        if (admitPerSecond == null) throw new BadInput("invalid-field", "admitPerSecond is required");
        if (admissionTtlSeconds == null) throw new BadInput("invalid-field", "admissionTtlSeconds is required");
        return new Room(roomId, admitPerSecond, Duration.ofSeconds(admissionTtlSeconds), opensAt,
                Duration.ofSeconds(abandonAfterSeconds == null ? DEFAULT_ABANDON_SECONDS : abandonAfterSeconds),
                entriesPerUserPerMinute == null ? DEFAULT_PER_USER : entriesPerUserPerMinute,
                entriesPerIpPerMinute == null ? DEFAULT_PER_IP : entriesPerIpPerMinute);
    }
}
