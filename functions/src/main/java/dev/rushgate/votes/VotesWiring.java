package dev.rushgate.votes;

import dev.rushgate.platform.Clients;
import dev.rushgate.platform.Config;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.votes.adapter.DynamoVoteLedger;
import dev.rushgate.votes.adapter.JdbcPollCatalog;
import dev.rushgate.votes.adapter.JdbcTallyBook;
import dev.rushgate.votes.adapter.KafkaAlertChannel;
import dev.rushgate.votes.adapter.KafkaVoteStream;
import dev.rushgate.votes.adapter.RedisBallotBox;
import dev.rushgate.votes.domain.BallotBox;
import dev.rushgate.votes.domain.RememberedClosures;
import dev.rushgate.platform.RedisDueWork;
import dev.rushgate.platform.RefusalMemory;
import dev.rushgate.votes.adapter.RoomAdmissions;
import dev.rushgate.votes.domain.CastVote;
import dev.rushgate.votes.domain.CountVotes;
import dev.rushgate.votes.domain.DefinePoll;
import dev.rushgate.votes.domain.ListPollAlerts;
import dev.rushgate.votes.domain.RebuildTally;
import dev.rushgate.votes.domain.SendPollAlerts;
import dev.rushgate.votes.domain.SweepVoteOutbox;
import dev.rushgate.votes.domain.ViewTally;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;

import java.time.Clock;
import java.time.Duration;

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

    /**
     * In Lambda (which sets AWS_LAMBDA_FUNCTION_NAME) the environment may be frozen as soon as it answers, so a vote
     * waits for its append; the local stack's one JVM answers at once and lets concurrent appends travel together.
     */
    public static CastVote castVote() {
        Duration await = System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null ? APPEND_TIMEOUT : Duration.ZERO;
        RedisBallotBox redis = ballotBox();
        BallotBox ballotBox = new RememberedClosures(redis, redis::closedPoll, RefusalMemory.bound(),
                System::nanoTime);
        return new CastVote(ballotBox, catalog(), votes(), new RoomAdmissions(RoomWiring.checkAdmission()), CLOCK,
                await, SETTLING);
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
        return new SendPollAlerts(tallies(), catalog(), new KafkaAlertChannel(Clients.get()::kafka,
                Config.required(EnvNames.topic(Rushgate.ALERTS_TOPIC)), APPEND_TIMEOUT),
                new RedisDueWork(Clients.get()::redis, "alerts"), CLOCK);
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
