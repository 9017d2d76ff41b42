package dev.rushgate.tickets.domain;

/** A show's seats by status; {@code available + held + sold == total}. */
public record SeatCounts(int total, int available, int held, int sold) {}
