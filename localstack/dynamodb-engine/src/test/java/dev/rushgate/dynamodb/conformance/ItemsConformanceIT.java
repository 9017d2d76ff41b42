package dev.rushgate.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.util.Map;
import java.util.UUID;

import static dev.rushgate.dynamodb.conformance.Attributes.b;
import static dev.rushgate.dynamodb.conformance.Attributes.bool;
import static dev.rushgate.dynamodb.conformance.Attributes.bs;
import static dev.rushgate.dynamodb.conformance.Attributes.item;
import static dev.rushgate.dynamodb.conformance.Attributes.l;
import static dev.rushgate.dynamodb.conformance.Attributes.m;
import static dev.rushgate.dynamodb.conformance.Attributes.n;
import static dev.rushgate.dynamodb.conformance.Attributes.ns;
import static dev.rushgate.dynamodb.conformance.Attributes.nul;
import static dev.rushgate.dynamodb.conformance.Attributes.s;
import static dev.rushgate.dynamodb.conformance.Attributes.ss;
import static dev.rushgate.dynamodb.conformance.Errors.assertValidationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Single-item operations: PutItem, GetItem, DeleteItem, UpdateItem, their conditions and return values. */
@ExtendWith(ConformanceExtension.class)
class ItemsConformanceIT {
    private static DynamoDbClient dynamo;
    private static String table;
    private static String sorted;

    @BeforeAll
    static void createTables(ConformanceTables tables) {
        dynamo = tables.dynamo();
        table = tables.hashTable("items", "pk", ScalarAttributeType.S);
        sorted = tables.hashRangeTable("items-sorted", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.N);
    }

    private static Map<String, AttributeValue> newKey() {
        return item("pk", s(UUID.randomUUID().toString()));
    }

    private static Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        return dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    }

    private static void put(Map<String, AttributeValue> item) {
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Test
    void putThenGet_returnsTheSameItem_withEveryAttributeType() {
        // given
        Map<String, AttributeValue> stored = Attributes.with(newKey(),
                "s", s("text"), "n", n("42"), "b", b((byte) 1, (byte) 2),
                "bool", bool(false), "null", nul(),
                "list", l(s("a"), n(1), l(), m()), "map", m("inner", m("deep", s("v")), "empty", m()));
        Map<String, AttributeValue> key = Attributes.item("pk", stored.get("pk"));
        dynamo.putItem(r -> r.tableName(table).item(Attributes.with(stored,
                "ss", ss("x", "y"), "ns", ns("1", "2"), "bs", bs(new byte[]{1}, new byte[]{2}))));

        // when
        Map<String, AttributeValue> read = get(key);

        // then sets come back with their members in any order
        assertThat(read).hasSize(stored.size() + 3).containsAllEntriesOf(stored);
        assertThat(read.get("ss").ss()).containsExactlyInAnyOrder("x", "y");
        assertThat(read.get("ns").ns()).containsExactlyInAnyOrder("1", "2");
        assertThat(read.get("bs").bs()).extracting(bytes -> bytes.asByteArray()[0]).containsExactlyInAnyOrder((byte) 1, (byte) 2);
    }

    @Test
    void getItem_returnsNoItem_whenAbsent() {
        // when
        GetItemResponse response = dynamo.getItem(r -> r.tableName(table).key(newKey()));

        // then
        assertThat(response.hasItem()).isFalse();
    }

    @Test
    void getItem_withConsistentRead_seesTheLatestWrite() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "v", n(1)));
        put(Attributes.with(key, "v", n(2)));

        // when
        Map<String, AttributeValue> read = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();

        // then
        assertThat(read).containsEntry("v", n(2));
    }

    @Test
    void getItem_withProjectionExpression_returnsOnlyProjectedAttributes() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "a", s("1"), "b", s("2"), "c", m("x", s("3"), "y", s("4"))));

        // when
        Map<String, AttributeValue> read = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)
                .projectionExpression("a, c.x")).item();

        // then
        assertThat(read).isEqualTo(item("a", s("1"), "c", m("x", s("3"))));
    }

    @Test
    void putItem_replacesTheWholeItem() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "old", s("gone")));

        // when
        put(Attributes.with(key, "new", s("here")));

        // then
        assertThat(get(key)).isEqualTo(Attributes.with(key, "new", s("here")));
    }

    @Test
    void putItem_returnsNoAttributes_byDefault() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "v", n(1)));

        // when
        PutItemResponse response = dynamo.putItem(r -> r.tableName(table).item(Attributes.with(key, "v", n(2))));

        // then
        assertThat(response.hasAttributes()).isFalse();
    }

    @Test
    void putItem_returnsTheOldItem_withAllOld() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "v", n(1)));

        // when
        PutItemResponse response = dynamo.putItem(r -> r.tableName(table).item(Attributes.with(key, "v", n(2)))
                .returnValues(ReturnValue.ALL_OLD));

        // then
        assertThat(response.attributes()).isEqualTo(Attributes.with(key, "v", n(1)));
    }

    @Test
    void putItem_returnsNoAttributes_withAllOld_whenTheItemWasAbsent() {
        // when
        PutItemResponse response = dynamo.putItem(r -> r.tableName(table).item(Attributes.with(newKey(), "v", n(1)))
                .returnValues(ReturnValue.ALL_OLD));

        // then
        assertThat(response.attributes()).isEmpty();
    }

    @Test
    void putItem_rejectsReturnValuesAllNew() {
        assertValidationException(() -> dynamo.putItem(r -> r.tableName(table).item(newKey())
                .returnValues(ReturnValue.ALL_NEW)));
    }

    @Test
    void conditionalPutSucceeds_whenItemIsAbsent() {
        // given
        Map<String, AttributeValue> item = Attributes.with(newKey(), "v", n(1));

        // when
        dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));

        // then
        assertThat(get(Attributes.item("pk", item.get("pk")))).isEqualTo(item);
    }

    @Test
    void conditionalPutFails_whenItemExists_andLeavesItUnchanged() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "v", n(1)));

        // when
        ConditionalCheckFailedException failure = catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> dynamo.putItem(r -> r.tableName(table).item(Attributes.with(key, "v", n(2)))
                        .conditionExpression("attribute_not_exists(pk)")));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.hasItem()).isFalse();
        assertThat(get(key)).containsEntry("v", n(1));
    }

    @Test
    void conditionalPutFailure_carriesTheOldItem_withReturnValuesOnConditionCheckFailure() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "v", n(1)));

        // when
        ConditionalCheckFailedException failure = catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> dynamo.putItem(r -> r.tableName(table).item(Attributes.with(key, "v", n(2)))
                        .conditionExpression("v = :expected")
                        .expressionAttributeValues(Map.of(":expected", n(7)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.item()).isEqualTo(Attributes.with(key, "v", n(1)));
    }

    @Test
    void deleteItem_removesTheItem() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "v", n(1)));

        // when
        DeleteItemResponse response = dynamo.deleteItem(r -> r.tableName(table).key(key));

        // then
        assertThat(response.hasAttributes()).isFalse();
        assertThat(get(key)).isEmpty();
    }

    @Test
    void deleteItem_returnsTheOldItem_withAllOld() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "v", n(1)));

        // when
        DeleteItemResponse response = dynamo.deleteItem(r -> r.tableName(table).key(key).returnValues(ReturnValue.ALL_OLD));

        // then
        assertThat(response.attributes()).isEqualTo(Attributes.with(key, "v", n(1)));
    }

    @Test
    void deleteItem_succeedsWithoutAttributes_whenTheItemIsAbsent() {
        // when
        DeleteItemResponse response = dynamo.deleteItem(r -> r.tableName(table).key(newKey()).returnValues(ReturnValue.ALL_OLD));

        // then
        assertThat(response.attributes()).isEmpty();
    }

    @Test
    void conditionalDeleteFails_whenTheConditionIsFalse_andKeepsTheItem() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "v", n(1)));

        // when
        ConditionalCheckFailedException failure = catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> dynamo.deleteItem(r -> r.tableName(table).key(key)
                        .conditionExpression("v > :min").expressionAttributeValues(Map.of(":min", n(5)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.item()).isEqualTo(Attributes.with(key, "v", n(1)));
        assertThat(get(key)).isNotEmpty();
    }

    @Test
    void conditionalDeleteSucceeds_whenTheConditionIsTrue() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "v", n(9)));

        // when
        dynamo.deleteItem(r -> r.tableName(table).key(key)
                .conditionExpression("v > :min").expressionAttributeValues(Map.of(":min", n(5))));

        // then
        assertThat(get(key)).isEmpty();
    }

    @Test
    void updateItem_createsTheItem_whenAbsent() {
        // given
        Map<String, AttributeValue> key = newKey();

        // when
        dynamo.updateItem(r -> r.tableName(table).key(key)
                .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", s("created"))));

        // then
        assertThat(get(key)).isEqualTo(Attributes.with(key, "v", s("created")));
    }

    @Test
    void updateItem_returnsNoAttributes_byDefault() {
        // when
        UpdateItemResponse response = dynamo.updateItem(r -> r.tableName(table).key(newKey())
                .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", n(1))));

        // then
        assertThat(response.hasAttributes()).isFalse();
    }

    @Test
    void updateItem_returnsTheWholeNewItem_withAllNew() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "a", n(1), "b", n(2)));

        // when
        UpdateItemResponse response = update(key, "SET a = :a", Map.of(":a", n(10)), ReturnValue.ALL_NEW);

        // then
        assertThat(response.attributes()).isEqualTo(Attributes.with(key, "a", n(10), "b", n(2)));
    }

    @Test
    void updateItem_returnsTheWholeOldItem_withAllOld() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "a", n(1), "b", n(2)));

        // when
        UpdateItemResponse response = update(key, "SET a = :a", Map.of(":a", n(10)), ReturnValue.ALL_OLD);

        // then
        assertThat(response.attributes()).isEqualTo(Attributes.with(key, "a", n(1), "b", n(2)));
    }

    @Test
    void updateItem_returnsOnlyTheUpdatedAttributesOldValues_withUpdatedOld() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "a", n(1), "b", n(2), "c", n(3)));

        // when
        UpdateItemResponse response = update(key, "SET a = :a, fresh = :f REMOVE c",
                Map.of(":a", n(10), ":f", s("new")), ReturnValue.UPDATED_OLD);

        // then the new attribute had no old value, so only a and c are returned
        assertThat(response.attributes()).isEqualTo(item("a", n(1), "c", n(3)));
    }

    @Test
    void updateItem_returnsOnlyTheUpdatedAttributesNewValues_withUpdatedNew() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "a", n(1), "b", n(2), "c", n(3)));

        // when
        UpdateItemResponse response = update(key, "SET a = :a, fresh = :f REMOVE c",
                Map.of(":a", n(10), ":f", s("new")), ReturnValue.UPDATED_NEW);

        // then the removed attribute has no new value
        assertThat(response.attributes()).isEqualTo(item("a", n(10), "fresh", s("new")));
    }

    @Test
    void conditionalUpdateFailure_carriesTheOldItem_withReturnValuesOnConditionCheckFailure() {
        // given
        Map<String, AttributeValue> key = newKey();
        put(Attributes.with(key, "version", n(3)));

        // when
        ConditionalCheckFailedException failure = catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> dynamo.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("SET version = :next")
                        .conditionExpression("version = :expected")
                        .expressionAttributeValues(Map.of(":next", n(2), ":expected", n(1)))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

        // then
        assertThat(failure).isNotNull();
        assertThat(failure.item()).isEqualTo(Attributes.with(key, "version", n(3)));
        assertThat(get(key)).containsEntry("version", n(3));
    }

    @Test
    void conditionalUpdateFails_onAnAbsentItem_whenItMustExist() {
        // given
        Map<String, AttributeValue> key = newKey();

        // when
        ConditionalCheckFailedException failure = catchThrowableOfType(ConditionalCheckFailedException.class,
                () -> dynamo.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("SET v = :v").conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":v", n(1)))));

        // then the failed update did not create the item
        assertThat(failure).isNotNull();
        assertThat(get(key)).isEmpty();
    }

    @Test
    void updateItem_isValidationException_whenItUpdatesAKeyAttribute() {
        assertValidationException(() -> dynamo.updateItem(r -> r.tableName(table).key(newKey())
                .updateExpression("SET pk = :other").expressionAttributeValues(Map.of(":other", s("other")))));
    }

    @Test
    void itemsWithTheSamePartitionKey_areDistinguishedBySortKey() {
        // given
        String pk = UUID.randomUUID().toString();
        dynamo.putItem(r -> r.tableName(sorted).item(item("pk", s(pk), "sk", n(1), "v", s("one"))));
        dynamo.putItem(r -> r.tableName(sorted).item(item("pk", s(pk), "sk", n(2), "v", s("two"))));

        // when
        Map<String, AttributeValue> first = dynamo.getItem(r -> r.tableName(sorted).consistentRead(true)
                .key(item("pk", s(pk), "sk", n(1)))).item();
        Map<String, AttributeValue> second = dynamo.getItem(r -> r.tableName(sorted).consistentRead(true)
                .key(item("pk", s(pk), "sk", n(2)))).item();

        // then
        assertThat(first).containsEntry("v", s("one"));
        assertThat(second).containsEntry("v", s("two"));
    }

    @Test
    void getItem_isValidationException_whenTheSortKeyIsMissingFromTheKey() {
        assertValidationException(() -> dynamo.getItem(r -> r.tableName(sorted).key(item("pk", s("p")))));
    }

    private static UpdateItemResponse update(Map<String, AttributeValue> key, String expression,
                                             Map<String, AttributeValue> values, ReturnValue returnValue) {
        return dynamo.updateItem(r -> r.tableName(table).key(key).updateExpression(expression)
                .expressionAttributeValues(values).returnValues(returnValue));
    }
}
