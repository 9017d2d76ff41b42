package dev.rushgate.ops;

import dev.rushgate.drops.adapter.RedisStock;
import dev.rushgate.ops.adapter.DynamoAuditLog;
import dev.rushgate.ops.adapter.DynamoSentAlerts;
import dev.rushgate.ops.adapter.DynamoStreamReplay;
import dev.rushgate.ops.adapter.WebhookAdminChannel;
import dev.rushgate.ops.domain.AlertAdmins;
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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

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

    /**
     * Posts alarms and alerts to the operators' webhook: {@code RUSHGATE_ADMIN_WEBHOOK} is its URL locally, or the ARN of
     * the secret holding it in the cloud, read on first use after a restore (never into the snapshot) and kept for the
     * environment's life; a secret still holding {@code unset} (or nothing) means no webhook.
     */
    public static AlertAdmins alertAdmins() {
        var clients = Clients.get();
        Supplier<Optional<URI>> url = memoized(() -> Config.optional(EnvNames.ADMIN_WEBHOOK)
                .map(clients::valueOrSecret).map(String::strip)
                .filter(value -> !value.isEmpty() && !value.equals("unset")).map(URI::create));
        return new AlertAdmins(new WebhookAdminChannel(url), new DynamoSentAlerts(clients.dynamo(),
                Config.required(EnvNames.table(Rushgate.ADMIN_ALERTS_TABLE)), Clock.systemUTC()));
    }

    /** Puts off a received admin-alerts message (ChangeMessageVisibility, at most SQS's 12 hours). */
    public static BiConsumer<String, Duration> adminAlertsPutOff() {
        var sqs = Clients.get().sqs();
        String queueUrl = Config.required(EnvNames.queueUrl(Rushgate.ADMIN_ALERTS_QUEUE));
        return (receiptHandle, delay) -> sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl)
                .receiptHandle(receiptHandle).visibilityTimeout((int) Math.min(delay.toSeconds(), 43_200)));
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        var value = new java.util.concurrent.atomic.AtomicReference<T>();
        return () -> {
            T v = value.get();
            if (v == null) {
                v = supplier.get();
                value.compareAndSet(null, v);
            }
            return v;
        };
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
