package dev.rushgate.tickets.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rushgate.platform.Telemetry;
import dev.rushgate.tickets.TicketsWiring;
import dev.rushgate.tickets.domain.SweepHolds;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/** On a schedule: lapses due holds (offers go to the next in line), resends stuck payments, retries webhooks. */
public final class SweepHoldsScheduledHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {
    private final SweepHolds sweep;

    public SweepHoldsScheduledHandler() {
        this(TicketsWiring.sweepHolds());
    }

    public SweepHoldsScheduledHandler(SweepHolds sweep) {
        this.sweep = sweep;
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            SweepHolds.Swept swept = sweep.sweep();
            Telemetry.count(Map.of("HoldsLapsed", swept.lapsed(), "SeatsOffered", swept.offered(),
                    "PaymentsResent", swept.resent(), "NoticesDelivered", swept.delivered()));
            return Map.of("lapsed", swept.lapsed(), "offered", swept.offered(), "resent", swept.resent(),
                    "delivered", swept.delivered());
        });
    }
}
