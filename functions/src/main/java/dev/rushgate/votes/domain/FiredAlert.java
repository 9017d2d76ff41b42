package dev.rushgate.votes.domain;

import java.time.Instant;

/**
 * An alert that fired: recorded once per (poll, option, threshold).
 *
 * @param seq      its place in the poll's list of alerts (the cursor of the alert pages)
 * @param optionId null for a threshold on the whole poll
 * @param votes    the count that reached the threshold, when it was counted
 */
public record FiredAlert(long seq, String pollId, String optionId, long threshold, long votes, Instant firedAt) {}
