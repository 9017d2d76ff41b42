package dev.rushgate.ops.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.rushgate.ops.schema.SchemaMigrations;
import dev.rushgate.platform.Clients;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

import java.util.Map;

/**
 * Runs after each deployment (and at the local stack's start): applies pending schema migrations before
 * the new code needs them. A failure throws, which fails the deployment rather than leave functions
 * running against a schema they do not expect.
 */
public final class MigrateSchemaDeployHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            SchemaMigrations.Outcome outcome = new SchemaMigrations(Clients.get().database()).migrate();
            return Map.of("applied", outcome.applied(), "version", outcome.version());
        });
    }
}
