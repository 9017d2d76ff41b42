package dev.rushgate.localstack.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.wiring.Trigger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka (MSK) event source of one function, in process: a consumer in the group named by the function id
 * polls up to {@code batchSize} records, hands them to the real handler as a {@link KafkaEvent} (records keyed
 * {@code topic-partition}, base64 keys and values) and commits the batch's offsets only after the handler
 * succeeded. The stack runs one per partition of the topic, all in that group, so partitions are handled in
 * parallel and each in order, as Lambda's MSK event source does; the handler must then be safe to call concurrently.
 *
 * <p>Invariants: a failing batch is retried {@value #RETRIES} more times with doubling backoff; then it is split in
 * halves, each handled on its own (as Lambda's {@code BisectBatchOnFunctionError} does), down to single records;
 * a single record that still fails after its retries is sent, as JSON, to the function's on-failure queue. Then the
 * offsets are committed, so one poison record cannot stop the partition, and its batch-mates are handled. Until a commit, records are delivered again to the next consumer of the group: at
 * least once. A new group starts at the earliest offset, so records produced before the first start are handled.
 */
public final class KafkaPoller extends Poller {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPoller.class);
    static final int RETRIES = 3;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String functionId;
    private final int member;
    private final Trigger.Kafka trigger;
    private final String bootstrap;
    private final String onFailureQueueUrl;
    private final SqsClient sqs;
    private final RequestHandler<KafkaEvent, ?> handler;
    private final Duration invocationTimeout;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /**
     * @param onFailureQueueUrl URL of {@code trigger.onFailureQueue()}
     * @param invocationTimeout the function's declared timeout, for {@link LocalContext}
     */
    public KafkaPoller(String functionId, Trigger.Kafka trigger, String bootstrap, String onFailureQueueUrl,
                       SqsClient sqs, RequestHandler<KafkaEvent, ?> handler, Duration invocationTimeout) {
        this(functionId, 0, trigger, bootstrap, onFailureQueueUrl, sqs, handler, invocationTimeout);
    }

    /**
     * @param member which of the function's consumers this is, when several share its group (one per partition)
     */
    public KafkaPoller(String functionId, int member, Trigger.Kafka trigger, String bootstrap, String onFailureQueueUrl,
                       SqsClient sqs, RequestHandler<KafkaEvent, ?> handler, Duration invocationTimeout) {
        super("kafka-poller-" + functionId + "-" + member);
        this.member = member;
        this.functionId = Objects.requireNonNull(functionId, "functionId");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.bootstrap = Objects.requireNonNull(bootstrap, "bootstrap");
        this.onFailureQueueUrl = Objects.requireNonNull(onFailureQueueUrl, "onFailureQueueUrl");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.invocationTimeout = Objects.requireNonNull(invocationTimeout, "invocationTimeout");
    }

    // close() needs no wakeup(): it would also abort the commit of the batch in hand; a poll returns within POLL.

    /** A kill must also wake a consumer blocked in poll(), which an interrupt does not reach. */
    @Override
    protected void interruptPolling() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup();
    }

    @Override
    protected Duration longestBatch() {
        return invocationTimeout.multipliedBy(RETRIES + 1).plusSeconds(10);
    }

    @Override
    protected void poll() {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config())) {
            consumer = c;
            c.subscribe(List.of(trigger.topic()));
            while (running()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = c.poll(POLL);
                } catch (WakeupException | InterruptException stop) {
                    break;
                }
                if (records.isEmpty()) continue;
                if (!handleWithRetries(records)) return;
                if (!acknowledge(() -> c.commitSync(nextOffsets(records)))) return;
            }
        } catch (WakeupException | InterruptException stop) {
            // close() or kill() while committing or leaving the group
        } catch (RuntimeException e) {
            if (!killed()) LOG.error("Kafka poller of {} stopped", functionId, e);
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, functionId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "poller-" + functionId + "-" + member);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, trigger.batchSize());
        // A stack that was killed leaves its members in the group until their session times out (45 s by default),
        // and the restarted stack's pollers get no partition before that: the broker's shortest session, 6 s,
        // bounds how long votes wait to be counted after a crash.
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /** @return false when killed mid-batch: nothing may be committed then */
    private boolean handleWithRetries(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        records.forEach(all::add);
        return handle(all, RETRIES);
    }

    /**
     * Handles {@code records}, trying again {@code retries} times; a batch that still fails is split in halves, each
     * handled with no retries of its own until it is a single record, which gets {@link #RETRIES} again.
     */
    private boolean handle(List<ConsumerRecord<byte[], byte[]>> records, int retries) {
        KafkaEvent event = toEvent(records);
        Duration backoff = FIRST_BACKOFF;
        RuntimeException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0 && !sleep(backoff)) return false;
            if (attempt > 0) backoff = backoff.multipliedBy(2);
            try {
                handle(() -> handler.handleRequest(event, new LocalContext(functionId, invocationTimeout, 0)));
                return !killed();
            } catch (RuntimeException | Error e) {
                if (killed()) return false;
                last = e instanceof RuntimeException r ? r : new RuntimeException(e);
                LOG.warn("{} failed on a batch of {} records (attempt {} of {}): {}", functionId, records.size(),
                        attempt + 1, retries + 1, e.toString());
            }
        }
        if (records.size() > 1) {
            int half = records.size() / 2;
            int retriesOfHalves = half == 1 ? RETRIES : 0;
            return handle(records.subList(0, half), retriesOfHalves)
                    && handle(records.subList(half, records.size()), records.size() - half == 1 ? RETRIES : 0);
        }
        sendToFailureQueue(records, last);
        return !killed();
    }

    private void sendToFailureQueue(List<ConsumerRecord<byte[], byte[]>> records, RuntimeException cause) {
        LOG.error("{} gave up on {} record(s); sending them to {}", functionId, records.size(),
                trigger.onFailureQueue(), cause);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("functionId", functionId);
            body.put("topic", r.topic());
            body.put("partition", r.partition());
            body.put("offset", r.offset());
            body.put("timestamp", r.timestamp());
            body.put("key", base64(r.key()));
            body.put("value", base64(r.value()));
            body.put("errorType", cause.getClass().getName());
            try {
                String json = JSON.writeValueAsString(body);
                sqs.sendMessage(b -> b.queueUrl(onFailureQueueUrl).messageBody(json));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(inPartition.getLast().offset() + 1));
        }
        return offsets;
    }

    private KafkaEvent toEvent(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, List<KafkaEvent.KafkaEventRecord>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            KafkaEvent.KafkaEventRecord e = new KafkaEvent.KafkaEventRecord();
            e.setTopic(r.topic());
            e.setPartition(r.partition());
            e.setOffset(r.offset());
            e.setTimestamp(r.timestamp());
            e.setTimestampType(r.timestampType().name());
            e.setKey(base64(r.key()));
            e.setValue(base64(r.value()));
            e.setHeaders(headers(r));
            byPartition.computeIfAbsent(r.topic() + "-" + r.partition(), k -> new ArrayList<>()).add(e);
        }
        KafkaEvent event = new KafkaEvent();
        event.setRecords(byPartition);
        event.setEventSource("aws:kafka");
        event.setEventSourceArn("arn:aws:kafka:us-east-1:000000000000:cluster/rushgate-local/local");
        event.setBootstrapServers(bootstrap);
        return event;
    }

    /** Lambda sends each header as a one-entry map from name to bytes. */
    private static List<Map<String, byte[]>> headers(ConsumerRecord<byte[], byte[]> r) {
        List<Map<String, byte[]>> out = new ArrayList<>();
        for (Header h : r.headers()) {
            out.add(Map.of(h.key(), h.value() == null ? new byte[0] : h.value()));
        }
        return out;
    }

    private static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d);
            return !killed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
