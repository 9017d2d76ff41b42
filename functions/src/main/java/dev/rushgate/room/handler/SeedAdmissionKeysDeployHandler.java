package dev.rushgate.room.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.rushgate.room.RoomWiring;
import dev.rushgate.room.domain.KeyRotation;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.time.Clock;
import java.util.Map;

/**
 * Runs after each deployment: gives admission tokens their first signing key at once, so a fresh deployment
 * admits people from its first minute instead of answering 503 until the half-hourly rotation first runs.
 * Later deployments find a key and change nothing (the rotation is due only once the key is a day old).
 */
public final class SeedAdmissionKeysDeployHandler implements RequestHandler<Map<String, Object>, Map<String, String>> {
    private final KeyRotation rotation;
    private final Clock clock;

    public SeedAdmissionKeysDeployHandler() {
        this(now -> RoomWiring.keyRotation().rotateIfDue(now), Clock.systemUTC());
    }

    public SeedAdmissionKeysDeployHandler(KeyRotation rotation, Clock clock) {
        this.rotation = rotation;
        this.clock = clock;
    }

    @Override
    public Map<String, String> handleRequest(Map<String, Object> event, Context context) {
        return PowertoolsLogging.withLogging(context,
                () -> Map.of("outcome", rotation.rotateIfDue(clock.instant()).name()));
    }
}
