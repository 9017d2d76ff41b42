package dev.rushgate.ops;

import dev.rushgate.drops.adapter.RedisStock;
import dev.rushgate.ops.adapter.DynamoAuditLog;
import dev.rushgate.ops.adapter.DynamoStreamReplay;
import dev.rushgate.ops.adapter.RedisLiveCounters;
import dev.rushgate.ops.adapter.RedisLiveGauges;
import dev.rushgate.ops.adapter.SqsDeadLetterQueues;
import dev.rushgate.ops.domain.AuditControl;
import dev.rushgate.ops.domain.DeadLetters;
import dev.rushgate.ops.domain.ListAudit;
import dev.rushgate.ops.domain.LiveView;
import dev.rushgate.platform.Clients;
import dev.rushgate.platform.Config;
import dev.rushgate.platform.Deployment;
import dev.rushgate.room.adapter.RedisWaitingLine;
import dev.rushgate.tickets.adapter.RedisSeatMap;
import dev.rushgate.votes.adapter.RedisBallotBox;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;

import java.time.Clock;

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

    /** The live view of every event, from the cache alone. */
    public static LiveView liveView() {
        return new LiveView(liveCounters(), liveGauges(), Clock.systemUTC());
    }

    /** Runs an operator's control under the audit log (the control's function writes the audit table). */
    public static AuditControl auditControl() {
        return new AuditControl(auditLog(), Clock.systemUTC());
    }

    public static ListAudit listAudit() {
        return new ListAudit(auditLog());
    }

    private static DynamoAuditLog auditLog() {
        return new DynamoAuditLog(Clients.get().dynamo(), Config.required(EnvNames.table(Rushgate.AUDIT_TABLE)));
    }

    public static RedisLiveCounters liveCounters() {
        return new RedisLiveCounters(Clients.get()::redis);
    }

    public static RedisLiveGauges liveGauges() {
        var clients = Clients.get();
        return new RedisLiveGauges(new RedisStock(clients::redis), new RedisWaitingLine(clients::redisAsync),
                new RedisSeatMap(clients::redis), new RedisBallotBox(clients::redis), Clock.systemUTC());
    }
}
