package dev.rushgate.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.rushgate.dynamodb.conformance.Attributes.item;
import static dev.rushgate.dynamodb.conformance.Attributes.n;
import static dev.rushgate.dynamodb.conformance.Attributes.s;
import static dev.rushgate.dynamodb.conformance.ConformanceTables.attribute;
import static dev.rushgate.dynamodb.conformance.ConformanceTables.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DynamoDB Streams: the stream a table declares, its shards, and the records a put, an update and a delete
 * leave, with the images the view type asks for. Real DynamoDB shows records after a delay, so reads poll
 * until a deadline instead of trusting the first GetRecords.
 */
@ExtendWith(ConformanceExtension.class)
class StreamsConformanceIT {
    private static final Duration RECORD_DEADLINE = Duration.ofSeconds(30);

    private static DynamoDbClient dynamo;
    private static DynamoDbStreamsClient streams;
    private static final Map<StreamViewType, String> TABLES = new LinkedHashMap<>();
    private static String unstreamed;

    @BeforeAll
    static void createTables(ConformanceTables tables) {
        dynamo = tables.dynamo();
        streams = tables.streams();
        for (StreamViewType view : List.of(StreamViewType.NEW_AND_OLD_IMAGES, StreamViewType.KEYS_ONLY,
                StreamViewType.NEW_IMAGE, StreamViewType.OLD_IMAGE)) {
            TABLES.put(view, tables.create("streams-" + view.toString().toLowerCase().replace('_', '-'), table -> table
                    .attributeDefinitions(attribute("pk", ScalarAttributeType.S))
                    .keySchema(key("pk", KeyType.HASH))
                    .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(view))));
        }
        unstreamed = tables.hashTable("streams-none", "pk", ScalarAttributeType.S);
    }

    private static String streamArn(StreamViewType view) {
        return dynamo.describeTable(r -> r.tableName(TABLES.get(view))).table().latestStreamArn();
    }

    /** Writes an insert, a modify and a remove of one new item, and returns that item's key value. */
    private static String putUpdateDelete(StreamViewType view) {
        String table = TABLES.get(view);
        String pk = UUID.randomUUID().toString();
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s(pk), "v", n(1))));
        dynamo.updateItem(r -> r.tableName(table).key(item("pk", s(pk)))
                .updateExpression("SET v = :two").expressionAttributeValues(Map.of(":two", n(2))));
        dynamo.deleteItem(r -> r.tableName(table).key(item("pk", s(pk))));
        return pk;
    }

    /** Reads every shard from its start until {@code expected} records of item {@code pk} arrived or time ran out. */
    private static List<Record> awaitRecords(String streamArn, String pk, int expected) throws InterruptedException {
        Map<String, String> iterators = new LinkedHashMap<>();
        List<Record> found = new ArrayList<>();
        long deadline = System.nanoTime() + RECORD_DEADLINE.toNanos();
        while (true) {
            for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
                iterators.computeIfAbsent(shard.shardId(), shardId -> streams.getShardIterator(r -> r.streamArn(streamArn)
                        .shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
            }
            for (Map.Entry<String, String> shard : iterators.entrySet()) {
                if (shard.getValue() == null) {
                    continue;
                }
                GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(shard.getValue()));
                page.records().stream()
                        .filter(record -> s(pk).equals(record.dynamodb().keys().get("pk")))
                        .forEach(found::add);
                shard.setValue(page.nextShardIterator());
            }
            if (found.size() >= expected || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(250);
        }
    }

    @Test
    void describeTable_showsTheStreamSpecificationAndLatestStreamArn() {
        // when
        TableDescription table = dynamo.describeTable(r -> r.tableName(TABLES.get(StreamViewType.NEW_AND_OLD_IMAGES))).table();

        // then
        assertThat(table.streamSpecification().streamEnabled()).isTrue();
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(table.latestStreamArn()).contains(table.tableName()).contains("/stream/");
        assertThat(table.latestStreamLabel()).isNotBlank();
    }

    @Test
    void describeTable_hasNoStream_whenNoneWasAskedFor() {
        // when
        TableDescription table = dynamo.describeTable(r -> r.tableName(unstreamed)).table();

        // then
        assertThat(table.latestStreamArn()).isNull();
    }

    @Test
    void listStreams_findsTheTablesStream() {
        // given
        String table = TABLES.get(StreamViewType.NEW_AND_OLD_IMAGES);

        // when
        var listed = streams.listStreams(r -> r.tableName(table)).streams();

        // then
        assertThat(listed).anySatisfy(stream -> {
            assertThat(stream.streamArn()).isEqualTo(streamArn(StreamViewType.NEW_AND_OLD_IMAGES));
            assertThat(stream.tableName()).isEqualTo(table);
        });
    }

    @Test
    void describeStream_listsShards_andTheViewType() {
        // when
        StreamDescription stream = streams.describeStream(r -> r.streamArn(streamArn(StreamViewType.NEW_AND_OLD_IMAGES)))
                .streamDescription();

        // then
        assertThat(stream.streamStatus()).isIn(StreamStatus.ENABLED, StreamStatus.ENABLING);
        assertThat(stream.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(stream.tableName()).isEqualTo(TABLES.get(StreamViewType.NEW_AND_OLD_IMAGES));
        assertThat(stream.keySchema()).containsExactly(key("pk", KeyType.HASH));
        assertThat(stream.shards()).isNotEmpty()
                .allSatisfy(shard -> assertThat(shard.sequenceNumberRange().startingSequenceNumber()).isNotBlank());
    }

    @Test
    void getRecords_returnsInsertModifyRemove_inOrder_withBothImages() throws InterruptedException {
        // given
        String pk = putUpdateDelete(StreamViewType.NEW_AND_OLD_IMAGES);

        // when
        List<Record> records = awaitRecords(streamArn(StreamViewType.NEW_AND_OLD_IMAGES), pk, 3);

        // then
        assertThat(records).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.eventSource()).isEqualTo("aws:dynamodb");
            assertThat(record.dynamodb().keys()).isEqualTo(item("pk", s(pk)));
            assertThat(record.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
            assertThat(record.dynamodb().sizeBytes()).isPositive();
        });
        Map<String, AttributeValue> first = item("pk", s(pk), "v", n(1));
        Map<String, AttributeValue> second = item("pk", s(pk), "v", n(2));
        assertThat(records.get(0).dynamodb().newImage()).isEqualTo(first);
        assertThat(records.get(0).dynamodb().hasOldImage()).isFalse();
        assertThat(records.get(1).dynamodb().oldImage()).isEqualTo(first);
        assertThat(records.get(1).dynamodb().newImage()).isEqualTo(second);
        assertThat(records.get(2).dynamodb().oldImage()).isEqualTo(second);
        assertThat(records.get(2).dynamodb().hasNewImage()).isFalse();
        assertThat(records).extracting(record -> new BigInteger(record.dynamodb().sequenceNumber())).isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void getRecords_withKeysOnly_carriesNoImages() throws InterruptedException {
        // given
        String pk = putUpdateDelete(StreamViewType.KEYS_ONLY);

        // when
        List<Record> records = awaitRecords(streamArn(StreamViewType.KEYS_ONLY), pk, 3);

        // then
        assertThat(records).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.dynamodb().keys()).isEqualTo(item("pk", s(pk)));
            assertThat(record.dynamodb().hasNewImage()).isFalse();
            assertThat(record.dynamodb().hasOldImage()).isFalse();
        });
    }

    @Test
    void getRecords_withNewImage_carriesOnlyNewImages() throws InterruptedException {
        // given
        String pk = putUpdateDelete(StreamViewType.NEW_IMAGE);

        // when
        List<Record> records = awaitRecords(streamArn(StreamViewType.NEW_IMAGE), pk, 3);

        // then
        assertThat(records).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        assertThat(records).noneSatisfy(record -> assertThat(record.dynamodb().hasOldImage()).isTrue());
        assertThat(records.get(0).dynamodb().newImage()).isEqualTo(item("pk", s(pk), "v", n(1)));
        assertThat(records.get(1).dynamodb().newImage()).isEqualTo(item("pk", s(pk), "v", n(2)));
        assertThat(records.get(2).dynamodb().hasNewImage()).isFalse();
    }

    @Test
    void getRecords_withOldImage_carriesOnlyOldImages() throws InterruptedException {
        // given
        String pk = putUpdateDelete(StreamViewType.OLD_IMAGE);

        // when
        List<Record> records = awaitRecords(streamArn(StreamViewType.OLD_IMAGE), pk, 3);

        // then
        assertThat(records).extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        assertThat(records).noneSatisfy(record -> assertThat(record.dynamodb().hasNewImage()).isTrue());
        assertThat(records.get(0).dynamodb().hasOldImage()).isFalse();
        assertThat(records.get(1).dynamodb().oldImage()).isEqualTo(item("pk", s(pk), "v", n(1)));
        assertThat(records.get(2).dynamodb().oldImage()).isEqualTo(item("pk", s(pk), "v", n(2)));
    }

    @Test
    void getRecords_returnsANextShardIterator_onAnOpenShard() {
        // given
        String arn = streamArn(StreamViewType.NEW_AND_OLD_IMAGES);
        Shard shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().getLast();
        String iterator = streams.getShardIterator(r -> r.streamArn(arn).shardId(shard.shardId())
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

        // when
        GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(iterator));

        // then
        assertThat(page.nextShardIterator()).isNotBlank();
    }

    @Test
    void unchangedWrites_leaveNoModifyRecord() throws InterruptedException {
        // given an item written twice with the same content, then changed
        String table = TABLES.get(StreamViewType.NEW_AND_OLD_IMAGES);
        String pk = UUID.randomUUID().toString();
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s(pk), "v", n(1))));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s(pk), "v", n(1))));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s(pk), "v", n(3))));

        // when
        List<Record> records = awaitRecords(streamArn(StreamViewType.NEW_AND_OLD_IMAGES), pk, 2);

        // then
        assertThat(records).extracting(Record::eventName).containsExactly(OperationType.INSERT, OperationType.MODIFY);
        assertThat(records.get(1).dynamodb().newImage()).containsEntry("v", n(3));
    }
}
