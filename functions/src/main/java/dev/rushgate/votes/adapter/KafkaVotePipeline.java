package dev.rushgate.votes.adapter;

import dev.rushgate.platform.SqsBacklog;
import dev.rushgate.votes.domain.VotePipeline;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The votes topic seen from its consumers: drained when each consumer group has committed, on every partition, the
 * offset at the partition's end (Lambda's Kafka poller commits a batch only once the function has handled it; so
 * does the local stack's), and when their on-failure queues are empty. Kafka's offsets are exact, unlike SQS's counts.
 * Three admin requests and one SQS request per check.
 */
public final class KafkaVotePipeline implements VotePipeline {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaVotePipeline.class);
    private final Supplier<Admin> admin;
    private final String topic;
    private final List<String> groups;
    private final SqsClient sqs;
    private final List<String> failureQueueUrls;

    /**
     * @param groups           the consumer groups that read {@code topic}
     * @param failureQueueUrls where those consumers set failed batches aside
     */
    public KafkaVotePipeline(Supplier<Admin> admin, String topic, List<String> groups, SqsClient sqs,
                             List<String> failureQueueUrls) {
        if (groups.isEmpty()) throw new IllegalArgumentException("no consumer group reads " + topic);
        this.admin = admin;
        this.topic = topic;
        this.groups = List.copyOf(groups);
        this.sqs = sqs;
        this.failureQueueUrls = List.copyOf(failureQueueUrls);
    }

    @Override
    public boolean drained() {
        try {
            Admin kafka = admin.get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            kafka.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = kafka.listOffsets(ends).all().get();
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                for (var partition : end.entrySet()) {
                    OffsetAndMetadata at = committed.get(partition.getKey());
                    long consumed = at == null ? 0 : at.offset();
                    if (consumed < partition.getValue().offset()) return false;
                }
            }
        } catch (ExecutionException | RuntimeException e) {
            // cannot tell is not drained: the caller is asked to retry, and the next check asks again
            LOG.warn("cannot read the consumers' offsets of {}: {}", topic,
                    (e instanceof ExecutionException ? e.getCause() : e).toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return SqsBacklog.empty(sqs, failureQueueUrls);
    }
}
