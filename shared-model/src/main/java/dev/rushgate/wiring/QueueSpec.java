package dev.rushgate.wiring;

import java.util.Objects;

/**
 * An SQS queue with its dead-letter queue ({@code id + "-dlq"}). A message that fails
 * {@code maxReceiveCount} times moves to the DLQ, where the admin API can see and redrive it.
 */
public record QueueSpec(String id, int visibilityTimeoutSeconds, int maxReceiveCount) {
    public QueueSpec {
        Objects.requireNonNull(id, "id");
        if (visibilityTimeoutSeconds < 1 || visibilityTimeoutSeconds > 43_200) {
            throw new IllegalArgumentException("visibilityTimeoutSeconds 1..43200");
        }
        if (maxReceiveCount < 1 || maxReceiveCount > 1000) throw new IllegalArgumentException("maxReceiveCount 1..1000");
    }

    public String dlqId() {
        return id + "-dlq";
    }
}
