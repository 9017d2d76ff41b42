package dev.rushgate.localstack.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite's short form ({@code ./rushgate chaos --short}): small crowds, each scenario on a stack of its own,
 * nothing acknowledged lost, stored twice or oversold.
 */
class ChaosE2E {

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void everyAcknowledgedRequestIsStoredOnce_whenTheStackIsKilledOrMessagesAreDuplicatedOrPoisoned(@TempDir Path work) {
        // given: the short scenarios that crash the stack, duplicate its messages, or poison its queues and topic
        List<String> scenarios = List.of("drops-sigkill", "votes-sigkill", "sqs-duplicate", "poison");

        // when: each runs against a stack of its own
        List<Row> rows = Chaos.run(scenarios, new Scenario.Run(work, true), System.out);
        Chaos.print(rows, System.out);

        // then
        assertNothingLostDoubledOrOversold(rows, scenarios);
    }

    @Test
    @Timeout(value = 360, unit = TimeUnit.SECONDS)
    void aDropOrPollWhoseRedisIsFlushedOrKilledMidRush_sellsNoUnitTwice_takesNoSecondVote_andLosesNothing(
            @TempDir Path work) {
        // given a drop rush whose Redis is flushed under it (without the rebuild from storage: 162 of 500 oversold),
        // one whose Redis process is SIGKILLed (the stack starts it again from its append-only file), and the same
        // two faults under a vote (without the rebuild from storage, every voter could vote again after the flush)
        List<String> scenarios = List.of("redis-flush", "redis-restart", "votes-redis-flush", "votes-redis-restart");

        // when
        List<Row> rows = Chaos.run(scenarios, new Scenario.Run(work, true), System.out);
        Chaos.print(rows, System.out);

        // then
        assertNothingLostDoubledOrOversold(rows, scenarios);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void everyAcknowledgedRequestIsStoredOnce_whenAConsumerIsKilledMidBatchOrTheKafkaBrokerRestarts(@TempDir Path work) {
        // given a claims rush whose consumer is killed mid-batch, a vote rush whose consumer is, and one whose broker
        // is restarted under it (all through the stack's dev-only fault control)
        List<String> scenarios = List.of("store-claims-kill", "count-votes-kill", "kafka-restart");

        // when
        List<Row> rows = Chaos.run(scenarios, new Scenario.Run(work, true), System.out);
        Chaos.print(rows, System.out);

        // then
        assertNothingLostDoubledOrOversold(rows, scenarios);
    }

    /** Every scenario completed, had something acknowledged, and lost, doubled and oversold nothing. */
    private static void assertNothingLostDoubledOrOversold(List<Row> rows, List<String> scenarios) {
        assertThat(rows).hasSize(scenarios.size()).allSatisfy(row -> {
            assertThat(row.note()).as(row.scenario()).doesNotStartWith(Row.DID_NOT_COMPLETE);
            assertThat(row.acknowledged()).as(row.scenario() + " acknowledged").isPositive();
            assertThat(row.lost()).as(row.scenario() + " lost").isZero();
            assertThat(row.duplicated()).as(row.scenario() + " duplicated").isZero();
            assertThat(row.oversold()).as(row.scenario() + " oversold").isZero();
        });
    }
}
