package dev.rushgate.wiring;

import java.util.Objects;

/**
 * Where messages that could not be handled wait, and where a redrive sends them back.
 *
 * @param name         what the admin API calls it: the queue or topic the messages came from
 * @param kind         whether they came from a queue or a topic
 * @param holdingQueue the queue they wait in: the queue's dead-letter queue, or the Kafka consumer's
 *                     on-failure queue, or the DynamoDB-stream consumer's on-failure queue
 */
public record DeadLetterSource(String name, Kind kind, String holdingQueue) {

    public enum Kind {
        /** Messages of SQS queue {@code name} that failed {@code maxReceiveCount} times; redrive resends them. */
        QUEUE,
        /** Batches of Kafka topic {@code name} its consumer gave up on, recorded by the on-failure destination. */
        TOPIC,
        /** Batches of DynamoDB table {@code name}'s stream its consumer gave up on, recorded by the on-failure destination. */
        STREAM
    }

    /**
     * What the alarm on a queue's dead-letter queue says, in the cloud's CloudWatch alarm and the local stack's alike.
     */
    public static String deadLetterAlarmDescription(String queue, int maxReceiveCount, String deadLetterQueue) {
        return "Messages of " + queue + " failed " + maxReceiveCount + " times and wait in " + deadLetterQueue
                + "; redrive them with the admin API";
    }

    /** What the alarm on a consumer's on-failure queue says, in the cloud and the local stack alike. */
    public static String onFailureAlarmDescription(String holdingQueue) {
        return "A consumer gave up on a batch and recorded it in " + holdingQueue + "; see GET /v1/admin/dead-letters";
    }

    public DeadLetterSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(holdingQueue, "holdingQueue");
    }
}
