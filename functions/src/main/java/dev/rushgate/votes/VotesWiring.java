package dev.rushgate.votes;

import dev.rushgate.ops.OpsWiring;
import dev.rushgate.ops.domain.CloseEarly;
import dev.rushgate.platform.Clients;
import dev.rushgate.platform.Config;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.votes.adapter.DynamoVoteLedger;
import dev.rushgate.votes.adapter.JdbcPollCatalog;
import dev.rushgate.votes.adapter.JdbcTallyBook;
import dev.rushgate.votes.adapter.AdminCopyAlertChannel;
import dev.rushgate.votes.adapter.KafkaAlertChannel;
import dev.rushgate.votes.domain.AlertChannel;
import dev.rushgate.votes.adapter.KafkaVotePipeline;
import dev.rushgate.votes.adapter.KafkaVoteStream;
import dev.rushgate.votes.adapter.RedisBallotBox;
import dev.rushgate.votes.domain.BallotBox;
import dev.rushgate.votes.domain.RememberedClosures;
import dev.rushgate.platform.RedisDueWork;
import dev.rushgate.platform.RefusalMemory;
import dev.rushgate.votes.adapter.RoomAdmissions;
import dev.rushgate.votes.domain.CastVote;
import dev.rushgate.votes.domain.CountVotes;
import dev.rushgate.votes.domain.ClosePoll;
import dev.rushgate.votes.domain.DefinePoll;
import dev.rushgate.votes.domain.ListPollAlerts;
import dev.rushgate.votes.domain.RebuildTally;
import dev.rushgate.votes.domain.RecoverPoll;
import dev.rushgate.votes.domain.SendPollAlerts;
import dev.rushgate.votes.domain.SweepVoteOutbox;
import dev.rushgate.votes.domain.ViewTally;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Trigger;
import dev.rushgate.wiring.Rushgate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Builds the voting use cases from configuration, once per execution environment. Clients are reached through
 * suppliers, so nothing connects before first use (and after a SnapStart restore, connects anew).
 */
public final class VotesWiring {
    private VotesWiring() {}

    private static final Clock CLOCK = Clock.systemUTC();
    /** How long the hot path waits for Kafka's acknowledgement before leaving the vote to the outbox sweeper. */
    static final Duration APPEND_TIMEOUT = Duration.ofSeconds(2);

    public static DefinePoll definePoll() {
        return new DefinePoll(catalog(), ballotBox());
    }

    public static ClosePoll closePoll() {
        return new ClosePoll(catalog(), ballotBox(), new CloseEarly(OpsWiring.auditControl(), CLOCK));
    }

    /**
     * In Lambda (which sets AWS_LAMBDA_FUNCTION_NAME) the environment may be frozen as soon as it answers, so a vote
     * waits for its append; the local stack's one JVM answers at once and lets concurrent appends travel together.
     * {@link EnvNames#VOTE_AWAIT_APPEND_MS} overrides either (the planner's check runs the local stack as Lambda).
     */
    public static CastVote castVote() {
        Duration await = Config.optional(EnvNames.VOTE_AWAIT_APPEND_MS).map(ms -> Duration.ofMillis(Long.parseLong(ms)))
                .orElse(System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null ? APPEND_TIMEOUT : Duration.ZERO);
        RedisBallotBox redis = ballotBox();
        BallotBox ballotBox = new RememberedClosures(redis, redis::closedPoll, RefusalMemory.bound(),
                System::nanoTime);
        return new CastVote(ballotBox, catalog(), votes(), new RoomAdmissions(RoomWiring.checkAdmission()),
                recoverPoll(ballotBox, redis), CLOCK, await, SETTLING);
    }

    /**
     * How long count-votes must be seen with nothing left to consume before a poll the cache lost is rebuilt: longer
     * than a vote decided before the loss may take to reach the topic (the producer blocks at most
     * {@link Clients#KAFKA_MAX_BLOCK}, then gives a record {@link Clients#KAFKA_DELIVERY_TIMEOUT}). Kafka's offsets
     * are exact, so nothing more is needed, unlike SQS's counts.
     */
    static final Duration RECOVERY_SETTLE = Clients.KAFKA_MAX_BLOCK.plus(Clients.KAFKA_DELIVERY_TIMEOUT)
            .plusSeconds(1);

    /** Rebuilds a poll the cache lost from the stored votes, once every consumer of the votes topic is done. */
    private static RecoverPoll recoverPoll(BallotBox ballotBox, RedisBallotBox redis) {
        List<FunctionSpec> consumers = Rushgate.declaration().consumersOf(Rushgate.VOTES_TOPIC);
        var pipeline = new KafkaVotePipeline(Clients.get()::kafkaAdmin,
                Config.required(EnvNames.topic(Rushgate.VOTES_TOPIC)), consumers.stream().map(FunctionSpec::id).toList(),
                Clients.get().sqs(), consumers.stream()
                        .map(f -> Config.required(EnvNames.queueUrl(((Trigger.Kafka) f.trigger()).onFailureQueue())))
                        .toList());
        return new RecoverPoll(ballotBox, redis, pipeline, ledger(), RECOVERY_SETTLE);
    }

    /** Settles outbox entries off the Kafka producer's thread; each settle is one Redis call. */
    private static final java.util.concurrent.Executor SETTLING =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    public static ViewTally viewTally() {
        return new ViewTally(ballotBox(), catalog(), tallies(), CLOCK);
    }

    public static ListPollAlerts listPollAlerts() {
        return new ListPollAlerts(catalog(), tallies());
    }

    public static RebuildTally rebuildTally() {
        return new RebuildTally(catalog(), ledger(), tallies());
    }

    public static CountVotes countVotes() {
        return new CountVotes(catalog(), ledger(), tallies(), sendPollAlerts());
    }

    public static SweepVoteOutbox sweepVoteOutbox() {
        return new SweepVoteOutbox(ballotBox(), votes(), CLOCK);
    }

    public static SendPollAlerts sendPollAlerts() {
        AlertChannel channel = new KafkaAlertChannel(Clients.get()::kafka,
                Config.required(EnvNames.topic(Rushgate.ALERTS_TOPIC)), APPEND_TIMEOUT);
        // the operators hear of each alert too, where the deployment has their queue
        var admins = Config.optional(EnvNames.queueUrl(Rushgate.ADMIN_ALERTS_QUEUE));
        if (admins.isPresent()) channel = new AdminCopyAlertChannel(channel, Clients.get().sqs(), admins.get());
        return new SendPollAlerts(tallies(), catalog(), channel, new RedisDueWork(Clients.get()::redis, "alerts"),
                CLOCK);
    }

    private static RedisBallotBox ballotBox() {
        return new RedisBallotBox(Clients.get()::redis);
    }

    private static JdbcPollCatalog catalog() {
        return new JdbcPollCatalog(Clients.get()::database);
    }

    private static JdbcTallyBook tallies() {
        return new JdbcTallyBook(Clients.get()::database);
    }

    private static DynamoVoteLedger ledger() {
        return new DynamoVoteLedger(Clients.get().dynamo(), Config.required(EnvNames.table(Rushgate.VOTES_TABLE)));
    }

    private static KafkaVoteStream votes() {
        return new KafkaVoteStream(Clients.get()::kafka, Config.required(EnvNames.topic(Rushgate.VOTES_TOPIC)),
                APPEND_TIMEOUT);
    }
}
