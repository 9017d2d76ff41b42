package dev.rushgate.drops.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rushgate.drops.DropsWiring;
import dev.rushgate.drops.domain.SweepClaimOutbox;
import dev.rushgate.platform.Telemetry;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/** On a schedule, sends again the accepted claims whose first send failed or never happened. */
public final class SweepClaimOutboxScheduledHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {
    private final SweepClaimOutbox sweep;

    public SweepClaimOutboxScheduledHandler() {
        this(DropsWiring.sweepClaimOutbox());
    }

    public SweepClaimOutboxScheduledHandler(SweepClaimOutbox sweep) {
        this.sweep = sweep;
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            int resent = sweep.sweep();
            Telemetry.count(Map.of("ClaimsResent", resent));
            return Map.of("resent", resent);
        });
    }
}
