package dev.rushgate.votes.domain;

import dev.rushgate.model.VoteAccepted;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The persisted tallies (PostgreSQL): which vote ids were counted, the per-option counts, and the alerts
 * that fired. Counting a vote twice changes nothing.
 */
public interface TallyBook {

    /**
     * In one transaction: records which of the votes were not counted yet, adds those to their polls' tallies,
     * and records every alert whose threshold the new counts reached for the first time (each alert once,
     * ever), with an entry in the alert outbox per channel.
     *
     * @return how many of the votes were newly counted
     */
    int count(List<VoteAccepted> votes, Map<String, Poll> polls);

    /** Persisted votes per option of the poll (options without votes may be absent). */
    Map<String, Long> persisted(String pollId);

    /** The alerts that fired for the poll, oldest first, from {@code afterSeq} (exclusive). */
    List<FiredAlert> alerts(String pollId, long afterSeq, int limit);

    /**
     * Sets the poll's tallies to {@code stored} (votes per option) and marks {@code storedVotes} as counted, in
     * one transaction that no counting of the same poll runs alongside.
     *
     * @return the tallies as they were before, per option
     */
    Map<String, Long> replace(String pollId, Map<String, Long> stored, Collection<VoteAccepted> storedVotes);

    /**
     * Hands every alert in the outbox to {@code sender}, oldest first, removing each once it returned; rows
     * locked by another sender are skipped.
     *
     * @return how many were sent
     */
    int drainAlerts(AlertSender sender, int max);

    /** Sends one alert to one channel; throws when it cannot, which leaves it in the outbox. */
    interface AlertSender {
        void send(FiredAlert alert, Channel channel);
    }

    /** Where an alert goes: every alert to the Kafka topic, and to the poll's webhook when it has one. */
    enum Channel { KAFKA, WEBHOOK }
}
