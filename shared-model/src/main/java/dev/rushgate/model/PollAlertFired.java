package dev.rushgate.model;

/**
 * A poll (or one of its options) crossed an alert threshold: the fact on the Kafka topic {@code alerts}.
 * Recorded once per (poll, option, threshold); {@code alertId} is that triple, so a reader can drop the rare
 * second delivery of a send whose acknowledgement was lost.
 *
 * @param optionId null for a threshold on the whole poll
 * @param votes    the count that crossed the threshold, when it was counted
 * @param firedAt  epoch milliseconds at which it was recorded
 */
public record PollAlertFired(String alertId, String pollId, String optionId, long threshold, long votes,
                             long firedAt) {
    public PollAlertFired {
        if (alertId == null || alertId.isBlank()) throw new IllegalArgumentException("alertId");
        if (pollId == null || pollId.isBlank()) throw new IllegalArgumentException("pollId");
        if (threshold < 1) throw new IllegalArgumentException("threshold");
    }

    /** {@code pollId/optionId-or-*\/threshold}: the one identity of an alert. */
    public static String idOf(String pollId, String optionId, long threshold) {
        return pollId + "/" + (optionId == null ? "*" : optionId) + "/" + threshold;
    }
}
