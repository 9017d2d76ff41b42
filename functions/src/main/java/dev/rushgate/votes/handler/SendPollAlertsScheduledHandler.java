package dev.rushgate.votes.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rushgate.platform.Telemetry;
import dev.rushgate.votes.VotesWiring;
import dev.rushgate.votes.domain.SendPollAlerts;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/** On a schedule, sends the alerts the counting recorded but could not send (Kafka or the webhook was down). */
public final class SendPollAlertsScheduledHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {
    private final SendPollAlerts send;

    public SendPollAlertsScheduledHandler() {
        this(VotesWiring.sendPollAlerts());
    }

    public SendPollAlertsScheduledHandler(SendPollAlerts send) {
        this.send = send;
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            int sent = send.sweep();
            Telemetry.count(Map.of("PollAlertsSent", sent));
            return Map.of("sent", sent);
        });
    }
}
