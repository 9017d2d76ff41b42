package dev.rushgate.drops.domain;

/** A drop's live counters in the cache; {@code remaining} never goes below zero. */
public record StockLevel(int stock, int accepted) {
    public int remaining() {
        return Math.max(0, stock - accepted);
    }
}
