package dev.rushgate.localstack.events;

import dev.rushgate.platform.Json;
import dev.rushgate.wiring.DeadLetterSource;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cloud's dead-letter alarms, on the local stack. In the cloud, each dead-letter or on-failure queue has a
 * CloudWatch alarm (one message or more), whose ALARM state goes to the alarms topic and from there, as an SNS
 * notification, to the {@code admin-alerts} queue. Here a check every {@code period} reads each such queue's depth and,
 * when one goes from empty to holding messages, sends that queue the same SNS notification with the same alarm message
 * shape (CloudWatch's state-change JSON), so {@code alert-admins} is exercised as in the cloud. As there, only the turn
 * to ALARM is told (the alarms have no OK action).
 */
public final class LocalAlarms implements AutoCloseable {
    private final Declaration declaration;
    private final Map<String, String> environment;
    private final SqsClient sqs;
    private final Map<String, Boolean> alarming = new HashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean();
    private final ScheduledExecutorService timer;

    private LocalAlarms(Declaration declaration, Map<String, String> environment, SqsClient sqs) {
        this.declaration = declaration;
        this.environment = environment;
        this.sqs = sqs;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("local-alarms")
                .factory());
    }

    /** Starts checking every {@code period}, when the declaration has the admin-alerts queue (else nothing to tell). */
    public static LocalAlarms start(Declaration declaration, Map<String, String> environment, SqsClient sqs,
                                    Duration period) {
        LocalAlarms alarms = new LocalAlarms(declaration, environment, sqs);
        if (environment.containsKey(EnvNames.queueUrl(Rushgate.ADMIN_ALERTS_QUEUE))) {
            alarms.timer.scheduleWithFixedDelay(alarms::checkQuietly, period.toMillis(), period.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return alarms;
    }

    /**
     * Stops evaluating once a check under way ends, until the answer is closed (what each alarm last saw is kept, so
     * nothing turns to ALARM twice):
     * for measuring what a unit of work costs the engines, which these reads of queue depths would be counted in.
     */
    public synchronized AutoCloseable pause() {
        paused.set(true);
        return () -> paused.set(false);
    }

    private void checkQuietly() {
        if (paused.get()) return;
        try {
            check();
        } catch (RuntimeException e) {
            System.err.println("local alarms: " + e);
        }
    }

    /** One evaluation of every alarm; answers how many turned to ALARM. */
    synchronized int check() {
        if (paused.get()) return 0; // a check that waited for pause() to return
        int turned = 0;
        for (DeadLetterSource source : declaration.deadLetterSources()) {
            String url = environment.get(EnvNames.queueUrl(source.holdingQueue()));
            if (url == null) continue;
            String depth = sqs.getQueueAttributes(b -> b.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            long messages = depth == null ? 0 : Long.parseLong(depth);
            boolean alarm = messages >= 1;
            Boolean was = alarming.put(source.holdingQueue(), alarm);
            if (alarm && !Boolean.TRUE.equals(was)) {
                tell(source, messages);
                turned++;
            }
        }
        return turned;
    }

    private void tell(DeadLetterSource source, long messages) {
        Instant now = Instant.now();
        String name = "rushgate-" + source.holdingQueue() + "-not-empty";
        Map<String, Object> alarm = new LinkedHashMap<>();
        alarm.put("AlarmName", name);
        alarm.put("AlarmDescription", switch (source.kind()) {
            case QUEUE -> DeadLetterSource.deadLetterAlarmDescription(source.name(),
                    declaration.queue(source.name()).maxReceiveCount(), source.holdingQueue());
            case TOPIC, STREAM -> DeadLetterSource.onFailureAlarmDescription(source.holdingQueue());
        });
        alarm.put("AWSAccountId", "000000000000");
        alarm.put("NewStateValue", "ALARM");
        alarm.put("NewStateReason", "Threshold Crossed: 1 datapoint [" + messages + ".0] was greater than or equal to "
                + "the threshold (1.0).");
        alarm.put("StateChangeTime", now.toString());
        alarm.put("Region", "local");
        alarm.put("OldStateValue", "OK");
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("Type", "Notification");
        notification.put("MessageId", UUID.randomUUID().toString());
        notification.put("TopicArn", "arn:aws:sns:local:000000000000:rushgate-alarms");
        notification.put("Subject", "ALARM: \"" + name + "\" in local");
        notification.put("Message", Json.write(alarm));
        notification.put("Timestamp", now.toString());
        String queue = environment.get(EnvNames.queueUrl(Rushgate.ADMIN_ALERTS_QUEUE));
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(Json.write(notification)));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
