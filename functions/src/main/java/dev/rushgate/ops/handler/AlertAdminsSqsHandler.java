package dev.rushgate.ops.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.rushgate.ops.OpsWiring;
import dev.rushgate.ops.domain.AdminChannel;
import dev.rushgate.ops.domain.AlertAdmins;
import dev.rushgate.platform.PutOff;
import dev.rushgate.platform.SqsBatches;
import dev.rushgate.platform.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Posts each alarm or alert of a batch to the operators' webhook, once. One the webhook did not take is put off (2 s
 * doubling a receive, jittered) and reported failed; after the queue's maxReceiveCount it waits in
 * {@code admin-alerts-dlq}, which the dead-letter view lists and redrives. Without a configured webhook each is logged
 * and let go.
 */
public final class AlertAdminsSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(AlertAdminsSqsHandler.class);
    static final Duration FIRST_DELAY = Duration.ofSeconds(2);
    static final Duration LONGEST_DELAY = Duration.ofMinutes(15);

    private final AlertAdmins alertAdmins;
    private final BiConsumer<String, Duration> putOff;

    public AlertAdminsSqsHandler() {
        this(OpsWiring.alertAdmins(), OpsWiring.adminAlertsPutOff());
    }

    public AlertAdminsSqsHandler(AlertAdmins alertAdmins, BiConsumer<String, Duration> putOff) {
        this.alertAdmins = alertAdmins;
        this.putOff = putOff;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            Map<AlertAdmins.Outcome, Integer> outcomes = new EnumMap<>(AlertAdmins.Outcome.class);
            SQSBatchResponse response = SqsBatches.eachAlone(event, "admin alert", message -> {
                var alert = AdminAlertMessages.read(message.getBody());
                AlertAdmins.Outcome outcome;
                try {
                    outcome = alertAdmins.alert(alert);
                } catch (AdminChannel.NotTaken e) {
                    PutOff.message(message, FIRST_DELAY, LONGEST_DELAY, putOff);
                    throw e;
                }
                if (outcome == AlertAdmins.Outcome.NO_WEBHOOK) LOG.info("no admin webhook configured: {}", alert.text());
                outcomes.merge(outcome, 1, Integer::sum);
            });
            Telemetry.count(Map.of("AdminAlertsPosted", outcomes.getOrDefault(AlertAdmins.Outcome.SENT, 0),
                    "AdminAlertsRepeated", outcomes.getOrDefault(AlertAdmins.Outcome.ALREADY_SENT, 0),
                    "AdminAlertsPutOff", response.getBatchItemFailures().size()));
            return response;
        });
    }
}
