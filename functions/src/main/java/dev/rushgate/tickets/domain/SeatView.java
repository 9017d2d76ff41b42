package dev.rushgate.tickets.domain;

/** One seat as {@code GET /v1/shows/{showId}/seats} shows it; status AVAILABLE, HELD or SOLD. */
public record SeatView(String seatId, String status, long priceCents) {}
