package dev.rushgate.drops.domain;

/** A claim as its owner sees it. ACCEPTED: taken from stock, on its way to storage; CONFIRMED: stored. */
public record ClaimView(String claimId, String dropId, String userId, Status status) {
    public enum Status { ACCEPTED, CONFIRMED }
}
