package dev.rushgate.localstack;

import dev.rushgate.localstack.upstream.UserServiceSimulator;

import java.time.Duration;

/** Faults the local stack can inject into itself, for the fault suite ({@code POST /v1/dev/faults/…}). */
public interface Faults {

    /** A consumer killed: how long the kill waited for a batch in hand, whether it got one, when a new one started. */
    record Killed(String functionId, Duration waited, boolean midBatch, Duration restartedAfter) {}

    /**
     * Kills the consumer of {@code functionId} the way a crashed Lambda environment dies: as soon as it is handling a
     * batch (waiting at most {@code wait}), its batch neither finished nor acknowledged; then starts a new one, as
     * Lambda starts a new environment. Unknown functions and functions that consume nothing are refused.
     */
    Killed killConsumerMidBatch(String functionId, Duration wait);

    /**
     * Changes how the upstream user service simulator fails; a null keeps that part as it is. Answers the new mode.
     *
     * @param outage      down altogether (503 at once) or not
     * @param failureRate the share of calls that wait, then answer 500
     * @param delayMs     how long those wait
     */
    UserServiceSimulator.Mode upstream(Boolean outage, Double failureRate, Long delayMs);

    /** Restarts the Kafka broker on its ports and log; how long it was down. */
    Duration restartKafka();
}
