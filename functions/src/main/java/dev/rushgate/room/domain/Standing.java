package dev.rushgate.room.domain;

/** An entry and its room, read in the same atomic step, so numbers between them agree. */
public record Standing(Entry entry, RoomState room) {}
