package dev.rushgate.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.rushgate.dynamodb.conformance.Attributes.item;
import static dev.rushgate.dynamodb.conformance.Attributes.n;
import static dev.rushgate.dynamodb.conformance.Attributes.s;
import static dev.rushgate.dynamodb.conformance.Errors.assertValidationException;
import static org.assertj.core.api.Assertions.assertThat;

/** BatchWriteItem and BatchGetItem: limits, duplicates, projections, several tables, unprocessed work. */
@ExtendWith(ConformanceExtension.class)
class BatchConformanceIT {
    private static DynamoDbClient dynamo;
    private static String table;
    private static String other;

    @BeforeAll
    static void createTables(ConformanceTables tables) {
        dynamo = tables.dynamo();
        table = tables.hashTable("batch", "pk", ScalarAttributeType.S);
        other = tables.hashRangeTable("batch-other", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }

    private static WriteRequest putRequest(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static WriteRequest deleteRequest(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }

    private static List<Map<String, AttributeValue>> items(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> item("pk", s(prefix + i), "i", n(i))).toList();
    }

    /** Writes everything, resubmitting whatever DynamoDB returns unprocessed, as its docs tell clients to. */
    private static void writeAll(Map<String, List<WriteRequest>> requests) {
        Map<String, List<WriteRequest>> pending = requests;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            assertThat(attempt).as("attempts to finish a batch write").isLessThan(20);
            Map<String, List<WriteRequest>> batch = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(batch));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    /** Reads everything, resubmitting unprocessed keys, and returns the items per table. */
    private static Map<String, List<Map<String, AttributeValue>>> getAll(Map<String, KeysAndAttributes> requests) {
        Map<String, List<Map<String, AttributeValue>>> found = new HashMap<>();
        Map<String, KeysAndAttributes> pending = requests;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            assertThat(attempt).as("attempts to finish a batch get").isLessThan(20);
            Map<String, KeysAndAttributes> batch = pending;
            BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(batch));
            response.responses().forEach((name, items) -> found.computeIfAbsent(name, k -> new ArrayList<>()).addAll(items));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
        return found;
    }

    private static KeysAndAttributes keys(List<Map<String, AttributeValue>> keys) {
        return KeysAndAttributes.builder().keys(keys).consistentRead(true).build();
    }

    private static List<Map<String, AttributeValue>> keysOf(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> item("pk", i.get("pk"))).toList();
    }

    @Test
    void batchWrite_puts25Items() {
        // given
        List<Map<String, AttributeValue>> items = items("put25-", 25);

        // when
        writeAll(Map.of(table, items.stream().map(BatchConformanceIT::putRequest).toList()));

        // then
        assertThat(getAll(Map.of(table, keys(keysOf(items)))).get(table)).containsExactlyInAnyOrderElementsOf(items);
    }

    @Test
    void batchWrite_mixesPutsAndDeletes() {
        // given
        List<Map<String, AttributeValue>> existing = items("mixed-old-", 3);
        writeAll(Map.of(table, existing.stream().map(BatchConformanceIT::putRequest).toList()));
        List<Map<String, AttributeValue>> added = items("mixed-new-", 3);
        List<WriteRequest> requests = new ArrayList<>(added.stream().map(BatchConformanceIT::putRequest).toList());
        keysOf(existing).forEach(key -> requests.add(deleteRequest(key)));

        // when
        writeAll(Map.of(table, requests));

        // then
        List<Map<String, AttributeValue>> allKeys = new ArrayList<>(keysOf(existing));
        allKeys.addAll(keysOf(added));
        assertThat(getAll(Map.of(table, keys(allKeys))).get(table)).containsExactlyInAnyOrderElementsOf(added);
    }

    @Test
    void batchWrite_spansTwoTables() {
        // given
        Map<String, AttributeValue> first = item("pk", s("two-tables"), "v", s("first"));
        Map<String, AttributeValue> second = item("pk", s("two-tables"), "sk", n(1), "v", s("second"));

        // when
        writeAll(Map.of(table, List.of(putRequest(first)), other, List.of(putRequest(second))));

        // then
        Map<String, List<Map<String, AttributeValue>>> found = getAll(Map.of(
                table, keys(List.of(item("pk", s("two-tables")))),
                other, keys(List.of(item("pk", s("two-tables"), "sk", n(1))))));
        assertThat(found.get(table)).containsExactly(first);
        assertThat(found.get(other)).containsExactly(second);
    }

    @Test
    void batchWrite_ofMoreThan25Requests_isValidationException() {
        // given
        List<WriteRequest> requests = items("too-many-", 26).stream().map(BatchConformanceIT::putRequest).toList();

        // then
        assertValidationException(() -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, requests))));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(item("pk", s("too-many-0"))).consistentRead(true)).hasItem()).isFalse();
    }

    @Test
    void batchWrite_withTwoRequestsForTheSameKey_isValidationException() {
        // given
        Map<String, AttributeValue> key = item("pk", s("same-key"));

        // then
        assertValidationException(() -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(table,
                List.of(putRequest(item("pk", s("same-key"), "v", n(1))), deleteRequest(key))))));
    }

    @Test
    void batchWrite_withAnItemMissingItsKey_isValidationException() {
        assertValidationException(() -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(table,
                List.of(putRequest(item("v", s("no key"))))))));
    }

    @Test
    void batchWrite_withNoRequests_isValidationException() {
        assertValidationException(() -> dynamo.batchWriteItem(r -> r.requestItems(Map.of())));
    }

    @Test
    void batchGet_reads100Keys() {
        // given
        List<Map<String, AttributeValue>> items = items("get100-", 100);
        for (int from = 0; from < items.size(); from += 25) {
            writeAll(Map.of(table, items.subList(from, from + 25).stream().map(BatchConformanceIT::putRequest).toList()));
        }

        // when
        List<Map<String, AttributeValue>> found = getAll(Map.of(table, keys(keysOf(items)))).get(table);

        // then
        assertThat(found).containsExactlyInAnyOrderElementsOf(items);
    }

    @Test
    void batchGet_ofMoreThan100Keys_isValidationException() {
        // given
        List<Map<String, AttributeValue>> keys = IntStream.range(0, 101).mapToObj(i -> item("pk", s("k" + i))).toList();

        // then
        assertValidationException(() -> dynamo.batchGetItem(r -> r.requestItems(Map.of(table, keys(keys)))));
    }

    @Test
    void batchGet_withDuplicateKeys_isValidationException() {
        // given
        List<Map<String, AttributeValue>> keys = List.of(item("pk", s("dup")), item("pk", s("dup")));

        // then
        assertValidationException(() -> dynamo.batchGetItem(r -> r.requestItems(Map.of(table, keys(keys)))));
    }

    @Test
    void batchGet_leavesOutMissingItems() {
        // given
        Map<String, AttributeValue> present = item("pk", s("present"), "v", n(1));
        dynamo.putItem(r -> r.tableName(table).item(present));

        // when
        Map<String, List<Map<String, AttributeValue>>> found = getAll(Map.of(table,
                keys(List.of(item("pk", s("present")), item("pk", s(UUID.randomUUID().toString()))))));

        // then
        assertThat(found.get(table)).containsExactly(present);
    }

    @Test
    void batchGet_appliesTheProjectionExpression() {
        // given
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("projected"), "a", s("1"), "b", s("2"))));

        // when
        Map<String, List<Map<String, AttributeValue>>> found = getAll(Map.of(table, KeysAndAttributes.builder()
                .keys(item("pk", s("projected"))).consistentRead(true)
                .projectionExpression("#a").expressionAttributeNames(Map.of("#a", "a")).build()));

        // then
        assertThat(found.get(table)).containsExactly(item("a", s("1")));
    }

    @Test
    void batchGet_withAKeyOfTheWrongShape_isValidationException() {
        assertValidationException(() -> dynamo.batchGetItem(r -> r.requestItems(Map.of(other,
                keys(List.of(item("pk", s("only-the-partition-key"))))))));
    }
}
