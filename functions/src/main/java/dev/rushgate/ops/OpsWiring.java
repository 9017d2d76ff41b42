package dev.rushgate.ops;

import dev.rushgate.ops.adapter.DynamoStreamReplay;
import dev.rushgate.ops.adapter.SqsDeadLetterQueues;
import dev.rushgate.ops.domain.DeadLetters;
import dev.rushgate.platform.Clients;
import dev.rushgate.platform.Config;
import dev.rushgate.platform.Deployment;
import dev.rushgate.wiring.EnvNames;

/** Builds the operations use cases from configuration, once per execution environment. */
public final class OpsWiring {
    private OpsWiring() {}

    /** Every declared dead-letter source; the queue URLs come from the environment the declaration set. */
    public static DeadLetters deadLetters() {
        var declaration = Deployment.declaration();
        var clients = Clients.get();
        return new DeadLetters(declaration.deadLetterSources(),
                new SqsDeadLetterQueues(clients.sqs(), id -> Config.required(EnvNames.queueUrl(id))),
                new DynamoStreamReplay(clients.sqs(), clients.dynamoStreams(), clients.dynamo(),
                        id -> Config.required(EnvNames.queueUrl(id)), id -> Config.required(EnvNames.table(id)),
                        declaration::table));
    }
}
