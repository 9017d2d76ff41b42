package dev.rushgate.votes.adapter;

import dev.rushgate.model.VoteAccepted;
import dev.rushgate.platform.Json;
import dev.rushgate.votes.domain.VoteStream;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The vote stream on Kafka: one JSON record per vote, keyed by poll id (a poll's votes share a partition, so
 * they are counted in order). An append completes on the broker's acknowledgement (the producer's delivery
 * timeout bounds it); concurrent appends share the producer, so their records travel together.
 */
public final class KafkaVoteStream implements VoteStream {
    private final Supplier<Producer<String, String>> producer;
    private final String topic;
    private final Duration timeout;

    public KafkaVoteStream(Supplier<Producer<String, String>> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Void> append(VoteAccepted vote) {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        producer.get().send(new ProducerRecord<>(topic, vote.pollId(), Json.write(vote)), (metadata, error) -> {
            if (error == null) stored.complete(null);
            else stored.completeExceptionally(error);
        });
        return stored.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waiting for a send, with every failure as an unchecked exception. An interrupt does not cut the wait short
     * (it is kept for the caller): a record already handed to the producer would still go, and a caller that gave
     * up on it would send it again, twice on the topic.
     */
    static final class KafkaSends {
        private KafkaSends() {}

        static void await(java.util.concurrent.Future<?> send, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        send.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        return;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        throw new IllegalStateException("Kafka refused the record", e.getCause());
                    } catch (TimeoutException e) {
                        throw new IllegalStateException("Kafka did not confirm the record within " + timeout, e);
                    }
                }
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
    }
}
