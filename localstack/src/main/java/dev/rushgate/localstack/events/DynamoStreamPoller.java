package dev.rushgate.localstack.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rushgate.localstack.provision.LocalAwsClients;
import dev.rushgate.wiring.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The DynamoDB Streams event source of one function, in process, as Lambda runs it: it reads the table's stream
 * (one shard locally) from TRIM_HORIZON, drops the records no filter pattern passes ({@link EventFilter}; they
 * count as handled), and hands the rest to the real handler in commit order as {@link DynamodbEvent}s of up to
 * {@code batchSize} records, one invocation at a time.
 *
 * <p>Invariants, as Lambda's: batch item failures are reported ({@link StreamsEventResponse}, item identifier =
 * sequence number); the records before the first failed one count as handled and the batch is retried from it; a
 * thrown exception, or an identifier that names no record of the batch, fails the whole batch. With
 * {@code bisectOnError} a failing batch of several records is split and its first half retried, which does not
 * count as a retry; a batch that fails again after {@code maxRetries} retries (-1: forever) is described, as
 * Lambda's on-failure destination does ({@code DDBStreamBatchInfo}: shard, first and last sequence numbers, stream
 * ARN), on the on-failure queue, and the shard moves on past it. Records of the shard are never reordered.
 *
 * <p>A stream it cannot read for a while (engine restarting) is retried every second from the position in hand.
 * The position is kept in memory only: a new poller (a restart of the stack) starts again at TRIM_HORIZON, so
 * consumers must be idempotent, which at-least-once delivery requires of them anyway.
 */
public final class DynamoStreamPoller extends Poller {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoStreamPoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration IDLE = Duration.ofMillis(150);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(2);
    private static final Duration UNREACHABLE = Duration.ofSeconds(1);

    private final String functionId;
    private final Trigger.DynamoStream trigger;
    private final URI dynamoEndpoint;
    private final String onFailureQueueUrl;
    private final SqsClient sqs;
    private final RequestHandler<DynamodbEvent, ?> handler;
    private final Duration invocationTimeout;
    private final EventFilter filter;

    /** Fetched, passed the filters, not handled yet: the front is the oldest. */
    private final Deque<Pending> pending = new ArrayDeque<>();
    private String streamArn;
    private String shardId;
    private String iterator;
    private String lastFetched;
    /** How many records the next invocation may take: less than batchSize while bisecting. */
    private int window;
    /** Failures of the batch at the front since the checkpoint last moved. */
    private int failures;

    private record Pending(Record record, DynamodbEvent.DynamodbStreamRecord event) {
        String sequenceNumber() {
            return record.dynamodb().sequenceNumber();
        }
    }

    /**
     * @param dynamoEndpoint    the DynamoDB engine, which also serves DynamoDB Streams
     * @param onFailureQueueUrl URL of {@code trigger.onFailureQueue()}
     * @param invocationTimeout the function's declared timeout, for {@link LocalContext}
     */
    public DynamoStreamPoller(String functionId, Trigger.DynamoStream trigger, URI dynamoEndpoint,
                              String onFailureQueueUrl, SqsClient sqs, RequestHandler<DynamodbEvent, ?> handler,
                              Duration invocationTimeout) {
        super("dynamo-stream-poller-" + functionId);
        this.functionId = Objects.requireNonNull(functionId, "functionId");
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.dynamoEndpoint = Objects.requireNonNull(dynamoEndpoint, "dynamoEndpoint");
        this.onFailureQueueUrl = Objects.requireNonNull(onFailureQueueUrl, "onFailureQueueUrl");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.invocationTimeout = Objects.requireNonNull(invocationTimeout, "invocationTimeout");
        this.filter = new EventFilter(trigger.filters());
        this.window = trigger.batchSize();
    }

    private volatile boolean paused;

    /**
     * Reads nothing more until {@link #resume()}, keeping its place in the stream (a new poller would start again at
     * TRIM_HORIZON): for measuring what the writers of a table cost without its consumers. A batch in hand finishes.
     */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    @Override
    protected Duration longestBatch() {
        return invocationTimeout.plus(LONGEST_BACKOFF).plusSeconds(5);
    }

    @Override
    protected void poll() {
        try (DynamoDbStreamsClient streams = LocalAwsClients.streams(dynamoEndpoint)) {
            if (!findShard(streams)) return;
            while (running()) {
                if (paused) {
                    if (!sleep(IDLE)) return;
                    continue;
                }
                boolean more;
                try {
                    more = fetch(streams);
                } catch (SdkException e) {
                    if (killed() || !running()) return;
                    // As Lambda's poller: an unreachable stream is retried, the position in hand is kept.
                    LOG.warn("{} cannot read the stream of {}: {}", functionId, trigger.table(), e.toString());
                    if (!sleep(UNREACHABLE)) return;
                    continue;
                }
                if (pending.isEmpty()) {
                    if (!more && !sleep(IDLE)) return;
                    continue;
                }
                if (more && pending.size() < trigger.batchSize()) continue;
                if (!handleFront()) return;
            }
        } catch (RuntimeException e) {
            if (!killed() && running()) LOG.error("DynamoDB stream poller of {} stopped", functionId, e);
        }
    }

    private boolean findShard(DynamoDbStreamsClient streams) {
        try (DynamoDbClient dynamo = LocalAwsClients.dynamo(dynamoEndpoint)) {
            streamArn = dynamo.describeTable(b -> b.tableName(trigger.table())).table().latestStreamArn();
        }
        if (streamArn == null) {
            LOG.error("{} consumes the stream of {}, which has none", functionId, trigger.table());
            stopRunning();
            return false;
        }
        List<Shard> shards = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards();
        if (shards.isEmpty()) throw new IllegalStateException("stream " + streamArn + " has no shard");
        shardId = shards.getFirst().shardId();
        iterator = iterator(streams, ShardIteratorType.TRIM_HORIZON, null);
        return true;
    }

    private String iterator(DynamoDbStreamsClient streams, ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }

    /** Reads what the shard has past the last fetched record; @return whether it may have more right away. */
    private boolean fetch(DynamoDbStreamsClient streams) {
        if (iterator == null) return false;
        GetRecordsResponse response;
        try {
            response = streams.getRecords(b -> b.shardIterator(iterator).limit(Math.min(1000, trigger.batchSize())));
        } catch (ExpiredIteratorException | TrimmedDataAccessException e) {
            iterator = lastFetched == null ? iterator(streams, ShardIteratorType.TRIM_HORIZON, null)
                    : iterator(streams, ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastFetched);
            return true;
        }
        iterator = response.nextShardIterator();
        for (Record r : response.records()) {
            lastFetched = r.dynamodb().sequenceNumber();
            DynamodbEvent.DynamodbStreamRecord event = toEvent(r);
            if (filter.passes(toJson(r))) pending.addLast(new Pending(r, event));
        }
        return !response.records().isEmpty();
    }

    /** One invocation with the oldest pending records; @return false when killed meanwhile. */
    private boolean handleFront() {
        List<Pending> batch = new ArrayList<>(pending).subList(0, Math.min(window, pending.size()));
        int failedAt = invoke(batch);
        if (killed()) return false;
        if (failedAt < 0) {
            batch.forEach(p -> pending.removeFirst());
            window = trigger.batchSize();
            failures = 0;
            return true;
        }
        for (int i = 0; i < failedAt; i++) pending.removeFirst();
        if (failedAt > 0) failures = 0;
        int failing = batch.size() - failedAt;
        if (trigger.bisectOnError() && failing > 1) {
            window = failing / 2;
            return true;
        }
        failures++;
        if (trigger.maxRetries() >= 0 && failures > trigger.maxRetries()) {
            List<Pending> given = new ArrayList<>();
            for (int i = 0; i < failing; i++) given.add(pending.removeFirst());
            sendToFailureQueue(given, failures);
            window = trigger.batchSize();
            failures = 0;
            return true;
        }
        window = failing;
        return sleep(backoff(failures));
    }

    /** @return the index of the first failed record, or -1 when the whole batch succeeded */
    private int invoke(List<Pending> batch) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(batch.stream().map(Pending::event).toList());
        Object response;
        try {
            response = handle(() -> handler.handleRequest(event, new LocalContext(functionId, invocationTimeout, 0)));
        } catch (RuntimeException | Error e) {
            if (!killed()) {
                LOG.warn("{} failed on a batch of {} stream records: {}", functionId, batch.size(), e.toString());
            }
            return 0;
        }
        if (!(response instanceof StreamsEventResponse answer) || answer.getBatchItemFailures() == null
                || answer.getBatchItemFailures().isEmpty()) {
            return -1;
        }
        int first = Integer.MAX_VALUE;
        for (StreamsEventResponse.BatchItemFailure failure : answer.getBatchItemFailures()) {
            int at = indexOf(batch, failure.getItemIdentifier());
            if (at < 0) {
                LOG.warn("{} reported failed item {}, which is not in its batch: the whole batch failed", functionId,
                        failure.getItemIdentifier());
                return 0;
            }
            first = Math.min(first, at);
        }
        LOG.warn("{} reported a failure at record {} of a batch of {}", functionId, first + 1, batch.size());
        return first;
    }

    private static int indexOf(List<Pending> batch, String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.isEmpty()) return -1;
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).sequenceNumber().equals(sequenceNumber)) return i;
        }
        return -1;
    }

    /** Lambda's on-failure record for a stream: it describes the batch; the records stay in the stream. */
    private void sendToFailureQueue(List<Pending> batch, int invokeCount) {
        LOG.error("{} gave up on {} stream record(s) after {} attempts; describing them on {}", functionId,
                batch.size(), invokeCount, trigger.onFailureQueue());
        Map<String, Object> requestContext = new LinkedHashMap<>();
        requestContext.put("requestId", UUID.randomUUID().toString());
        requestContext.put("functionArn", "arn:aws:lambda:" + LocalAwsClients.REGION + ":" + LocalAwsClients.ACCOUNT
                + ":function:" + functionId);
        requestContext.put("condition", "RetryAttemptsExhausted");
        requestContext.put("approximateInvokeCount", invokeCount);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("shardId", shardId);
        info.put("startSequenceNumber", batch.getFirst().sequenceNumber());
        info.put("endSequenceNumber", batch.getLast().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", created(batch.getFirst().record()).toString());
        info.put("approximateArrivalOfLastRecord", created(batch.getLast().record()).toString());
        info.put("batchSize", batch.size());
        info.put("streamArn", streamArn);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestContext", requestContext);
        body.put("responseContext", Map.of("statusCode", 200, "executedVersion", "$LATEST", "functionError", "Unhandled"));
        body.put("version", "1.0");
        body.put("timestamp", Instant.now().toString());
        body.put("DDBStreamBatchInfo", info);
        try {
            String json = JSON.writeValueAsString(body);
            sqs.sendMessage(b -> b.queueUrl(onFailureQueueUrl).messageBody(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant created(Record r) {
        return r.dynamodb().approximateCreationDateTime() == null ? Instant.EPOCH
                : r.dynamodb().approximateCreationDateTime();
    }

    private DynamodbEvent.DynamodbStreamRecord toEvent(Record r) {
        DynamodbEvent.DynamodbStreamRecord e = new DynamodbEvent.DynamodbStreamRecord();
        e.setEventID(r.eventID());
        e.setEventName(r.eventNameAsString());
        e.setEventVersion(r.eventVersion());
        e.setEventSource(r.eventSource() == null ? "aws:dynamodb" : r.eventSource());
        e.setAwsRegion(r.awsRegion() == null ? LocalAwsClients.REGION : r.awsRegion());
        e.setEventSourceARN(streamArn);
        var source = r.dynamodb();
        StreamRecord s = new StreamRecord();
        if (source.approximateCreationDateTime() != null) {
            s.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
        }
        if (source.hasKeys()) s.setKeys(image(source.keys()));
        if (source.hasNewImage()) s.setNewImage(image(source.newImage()));
        if (source.hasOldImage()) s.setOldImage(image(source.oldImage()));
        s.setSequenceNumber(source.sequenceNumber());
        s.setSizeBytes(source.sizeBytes());
        if (source.streamViewTypeAsString() != null) {
            s.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType
                    .fromValue(source.streamViewTypeAsString()));
        }
        e.setDynamodb(s);
        return e;
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        item.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    /** The SDK's attribute value as the events library's, type by type. */
    static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (v.type()) {
            case S -> out.setS(v.s());
            case N -> out.setN(v.n());
            case B -> out.setB(v.b().asByteBuffer());
            case SS -> out.setSS(v.ss());
            case NS -> out.setNS(v.ns());
            case BS -> out.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> out.setM(image(v.m()));
            case L -> out.setL(v.l().stream().map(DynamoStreamPoller::value).toList());
            case BOOL -> out.setBOOL(v.bool());
            case NUL -> out.setNULL(true);
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalStateException("unknown attribute type: " + v);
        }
        return out;
    }

    /** The record as Lambda's filters see it: its JSON form, attribute values in DynamoDB's JSON. */
    private JsonNode toJson(Record r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventID", r.eventID());
        root.put("eventName", r.eventNameAsString());
        root.put("eventVersion", r.eventVersion());
        root.put("eventSource", r.eventSource() == null ? "aws:dynamodb" : r.eventSource());
        root.put("awsRegion", r.awsRegion() == null ? LocalAwsClients.REGION : r.awsRegion());
        ObjectNode dynamodb = root.putObject("dynamodb");
        var source = r.dynamodb();
        if (source.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", source.approximateCreationDateTime().getEpochSecond());
        }
        if (source.hasKeys()) dynamodb.set("Keys", jsonImage(source.keys()));
        if (source.hasNewImage()) dynamodb.set("NewImage", jsonImage(source.newImage()));
        if (source.hasOldImage()) dynamodb.set("OldImage", jsonImage(source.oldImage()));
        dynamodb.put("SequenceNumber", source.sequenceNumber());
        if (source.sizeBytes() != null) dynamodb.put("SizeBytes", source.sizeBytes());
        dynamodb.put("StreamViewType", source.streamViewTypeAsString());
        root.put("eventSourceARN", streamArn);
        return root;
    }

    private static ObjectNode jsonImage(Map<String, AttributeValue> item) {
        ObjectNode out = JSON.createObjectNode();
        item.forEach((k, v) -> out.set(k, jsonValue(v)));
        return out;
    }

    private static ObjectNode jsonValue(AttributeValue v) {
        ObjectNode out = JSON.createObjectNode();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case B -> out.put("B", base64(v.b()));
            case SS -> v.ss().forEach(out.putArray("SS")::add);
            case NS -> v.ns().forEach(out.putArray("NS")::add);
            case BS -> {
                ArrayNode bs = out.putArray("BS");
                v.bs().forEach(b -> bs.add(base64(b)));
            }
            case M -> out.set("M", jsonImage(v.m()));
            case L -> {
                ArrayNode l = out.putArray("L");
                v.l().forEach(e -> l.add(jsonValue(e)));
            }
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", true);
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalStateException("unknown attribute type: " + v);
        }
        return out;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    private static Duration backoff(int failures) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(failures - 1, 10));
        return d.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : d;
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
