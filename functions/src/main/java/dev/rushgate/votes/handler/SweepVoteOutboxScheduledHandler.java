package dev.rushgate.votes.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rushgate.platform.Telemetry;
import dev.rushgate.votes.VotesWiring;
import dev.rushgate.votes.domain.SweepVoteOutbox;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/** On a schedule, appends again the accepted votes whose first append to Kafka failed or never happened. */
public final class SweepVoteOutboxScheduledHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {
    private final SweepVoteOutbox sweep;

    public SweepVoteOutboxScheduledHandler() {
        this(VotesWiring.sweepVoteOutbox());
    }

    public SweepVoteOutboxScheduledHandler(SweepVoteOutbox sweep) {
        this.sweep = sweep;
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            int resent = sweep.sweep();
            Telemetry.count(Map.of("VotesResent", resent));
            return Map.of("resent", resent);
        });
    }
}
