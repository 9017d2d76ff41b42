package dev.rushgate.wiring;

import java.util.Objects;

/** A Kafka topic (MSK Serverless in the cloud, the in-process KRaft broker locally). */
public record TopicSpec(String id, int partitions) {
    public TopicSpec {
        Objects.requireNonNull(id, "id");
        if (partitions < 1) throw new IllegalArgumentException("partitions >= 1");
    }
}
