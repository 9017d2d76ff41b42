package dev.rushgate.room.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rushgate.platform.Telemetry;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.KeyRotation;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.Clock;
import java.util.Map;

/**
 * On a schedule, gives admission tokens a new signing key once the current one is old enough, and the
 * first key when there is none (so it is also what a fresh deployment runs once). Safe to run at any time
 * and concurrently: it changes nothing when no rotation is due, and a run that loses a race writes nothing.
 */
public final class RotateAdmissionKeysScheduledHandler implements RequestHandler<ScheduledEvent, Map<String, String>> {
    private final KeyRotation rotation;
    private final Clock clock;

    public RotateAdmissionKeysScheduledHandler() {
        // Looked up on first run, so building the handler never depends on where the keys are.
        this(now -> RoomWiring.keyRotation().rotateIfDue(now), Clock.systemUTC());
    }

    public RotateAdmissionKeysScheduledHandler(KeyRotation rotation, Clock clock) {
        this.rotation = rotation;
        this.clock = clock;
    }

    @Override
    public Map<String, String> handleRequest(ScheduledEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            KeyRotation.Outcome outcome = rotation.rotateIfDue(clock.instant());
            boolean changed = outcome == KeyRotation.Outcome.FIRST_KEY || outcome == KeyRotation.Outcome.ROTATED;
            Telemetry.count(Map.of("AdmissionKeysRotated", changed ? 1 : 0));
            return Map.of("outcome", outcome.name());
        });
    }
}
