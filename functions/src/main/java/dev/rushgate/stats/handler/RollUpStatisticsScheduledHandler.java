package dev.rushgate.stats.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rushgate.platform.Telemetry;
import dev.rushgate.stats.StatsWiring;
import dev.rushgate.stats.domain.RollUpStatistics;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/** On a schedule: rolls every listed event's whole minutes up into PostgreSQL, with its funnel's durable end. */
public final class RollUpStatisticsScheduledHandler implements RequestHandler<ScheduledEvent, Map<String, Long>> {
    private final RollUpStatistics rollUp;

    public RollUpStatisticsScheduledHandler() {
        this(StatsWiring.rollUpStatistics());
    }

    public RollUpStatisticsScheduledHandler(RollUpStatistics rollUp) {
        this.rollUp = rollUp;
    }

    @Override
    public Map<String, Long> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            RollUpStatistics.Result result = rollUp.rollUp();
            Telemetry.count(Map.of("EventsRolledUp", result.events(), "MinutesRolledUp", result.minutes(),
                    "MinutesMissed", (int) Math.min(Integer.MAX_VALUE, result.missedMinutes())));
            return Map.of("events", (long) result.events(), "minutes", (long) result.minutes(),
                    "missedMinutes", result.missedMinutes());
        });
    }
}
