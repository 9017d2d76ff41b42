package dev.rushgate.ops.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.ops.domain.StreamReplay;
import dev.rushgate.platform.Json;
import dev.rushgate.wiring.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Replays failed batches of a DynamoDB stream from the on-failure records Lambda writes ({@code DDBStreamBatchInfo}:
 * stream ARN, shard, first and last sequence numbers). For each, it reads that range of the shard, and writes every
 * item it names again with {@code SET redrivenAt = now}, on condition that the item still exists (a deleted one is
 * not brought back). A record whose range the stream no longer keeps, or that describes no stream batch, is left in
 * its queue.
 */
public final class DynamoStreamReplay implements StreamReplay {
    /** How long a received failure record stays invisible to other readers while it is replayed. */
    private static final int VISIBILITY_SECONDS = 60;

    private final SqsClient sqs;
    private final DynamoDbStreamsClient streams;
    private final DynamoDbClient dynamo;
    private final Function<String, String> queueUrl;
    private final Function<String, String> tableName;
    private final Function<String, TableSpec> tableSpec;

    /**
     * @param queueUrl  a declared queue's URL, by id
     * @param tableName a declared table's physical name, by id
     * @param tableSpec a declared table, by id (for its key attributes)
     */
    public DynamoStreamReplay(SqsClient sqs, DynamoDbStreamsClient streams, DynamoDbClient dynamo,
                              Function<String, String> queueUrl, Function<String, String> tableName,
                              Function<String, TableSpec> tableSpec) {
        this.sqs = sqs;
        this.streams = streams;
        this.dynamo = dynamo;
        this.queueUrl = queueUrl;
        this.tableName = tableName;
        this.tableSpec = tableSpec;
    }

    @Override
    public Replayed replay(String tableId, String holdingQueueId, int maxBatches) {
        String url = queueUrl.apply(holdingQueueId);
        String table = tableName.apply(tableId);
        TableSpec spec = tableSpec.apply(tableId);
        int batches = 0;
        int items = 0;
        int left = 0;
        Set<String> seen = new LinkedHashSet<>();
        while (batches + left < maxBatches) {
            int want = Math.min(10, maxBatches - batches - left);
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(want)
                    .visibilityTimeout(VISIBILITY_SECONDS).waitTimeSeconds(0)).messages();
            if (messages.isEmpty() || messages.stream().allMatch(m -> !seen.add(m.messageId()))) break;
            for (Message message : messages) {
                try {
                    JsonNode info = Json.MAPPER.readTree(message.body()).path("DDBStreamBatchInfo");
                    if (!info.hasNonNull("streamArn")) throw new IllegalArgumentException("no DDBStreamBatchInfo");
                    for (Map<String, AttributeValue> key : keys(info)) {
                        if (touch(table, spec, key)) items++;
                    }
                } catch (TrimmedDataAccessException | ResourceNotFoundException | IllegalArgumentException
                         | com.fasterxml.jackson.core.JsonProcessingException e) {
                    left++;
                    continue; // the stream lost those records, or this is no batch record: it stays listed
                }
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                batches++;
            }
        }
        return new Replayed(batches, items, left);
    }

    /** The keys of the items changed in the record's range of the shard, each once. */
    private List<Map<String, AttributeValue>> keys(JsonNode info) {
        String streamArn = info.path("streamArn").asText();
        String shardId = info.path("shardId").asText();
        BigInteger last = new BigInteger(info.path("endSequenceNumber").asText());
        String iterator;
        iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                .sequenceNumber(info.path("startSequenceNumber").asText())).shardIterator();
        Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
        while (iterator != null) {
            String at = iterator;
            var page = streams.getRecords(b -> b.shardIterator(at));
            for (var record : page.records()) {
                if (new BigInteger(record.dynamodb().sequenceNumber()).compareTo(last) > 0) return List.copyOf(keys.values());
                keys.putIfAbsent(record.dynamodb().keys().toString(), record.dynamodb().keys());
            }
            if (page.records().isEmpty()) break; // the range's end is not written yet, or the shard is closed
            iterator = page.nextShardIterator();
        }
        return List.copyOf(keys.values());
    }

    /** Writes the item again, unchanged but for its redrive mark; false when it no longer exists. */
    private boolean touch(String table, TableSpec spec, Map<String, AttributeValue> key) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key).updateExpression("SET redrivenAt = :now")
                    .conditionExpression("attribute_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", spec.partitionKey()))
                    .expressionAttributeValues(Map.of(":now",
                            AttributeValue.fromN(Long.toString(System.currentTimeMillis())))));
            return true;
        } catch (ConditionalCheckFailedException gone) {
            return false;
        }
    }
}
