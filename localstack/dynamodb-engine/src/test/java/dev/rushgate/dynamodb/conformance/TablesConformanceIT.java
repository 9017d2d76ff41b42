package dev.rushgate.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static dev.rushgate.dynamodb.conformance.Attributes.item;
import static dev.rushgate.dynamodb.conformance.Attributes.s;
import static dev.rushgate.dynamodb.conformance.ConformanceTables.attribute;
import static dev.rushgate.dynamodb.conformance.ConformanceTables.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Table lifecycle: CreateTable, DescribeTable, ListTables, DeleteTable, time to live, and missing tables. */
@ExtendWith(ConformanceExtension.class)
class TablesConformanceIT {
    private static ConformanceTables tables;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void connect(ConformanceTables conformance) {
        tables = conformance;
        dynamo = conformance.dynamo();
    }

    @Test
    void createsHashOnlyTable_describedWithItsKeySchemaAndActive() {
        // given
        String name = tables.hashTable("hash-only", "id", ScalarAttributeType.S);

        // when
        TableDescription table = dynamo.describeTable(r -> r.tableName(name)).table();

        // then
        assertThat(table.tableName()).isEqualTo(name);
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema()).containsExactly(key("id", KeyType.HASH));
        assertThat(table.attributeDefinitions()).containsExactly(attribute("id", ScalarAttributeType.S));
        assertThat(table.tableArn()).isNotBlank();
        assertThat(table.creationDateTime()).isNotNull();
    }

    @Test
    void createsHashAndRangeTable_withNumberAndBinaryKeys() {
        // given
        String name = tables.hashRangeTable("n-and-b", "num", ScalarAttributeType.N, "bin", ScalarAttributeType.B);

        // when
        TableDescription table = dynamo.describeTable(r -> r.tableName(name)).table();

        // then
        assertThat(table.keySchema()).containsExactly(key("num", KeyType.HASH), key("bin", KeyType.RANGE));
        assertThat(table.attributeDefinitions()).containsExactlyInAnyOrder(
                attribute("num", ScalarAttributeType.N), attribute("bin", ScalarAttributeType.B));
    }

    @Test
    void describeTable_reportsPayPerRequestBilling() {
        // given
        String name = tables.hashTable("billing", "id", ScalarAttributeType.S);

        // when
        TableDescription table = dynamo.describeTable(r -> r.tableName(name)).table();

        // then
        assertThat(table.billingModeSummary()).isNotNull();
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    }

    @Test
    void createTable_failsWithResourceInUse_whenTableExists() {
        // given
        String name = tables.hashTable("twice", "id", ScalarAttributeType.S);

        // when
        Throwable thrown = catchThrowable(() -> dynamo.createTable(hashTableRequest(name)));

        // then
        assertThat(thrown).isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void createTable_isValidationException_whenKeyAttributeIsNotDefined() {
        // given
        String name = tables.name("undefined-key");

        // when
        Throwable thrown = catchThrowable(() -> dynamo.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("id", ScalarAttributeType.S))
                .keySchema(key("other", KeyType.HASH))));

        // then
        assertThat(thrown).satisfies(Errors::isValidationException);
    }

    @Test
    void createTable_isValidationException_whenAnAttributeDefinitionIsNotAKey() {
        // given
        String name = tables.name("unused-definition");

        // when
        Throwable thrown = catchThrowable(() -> dynamo.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("id", ScalarAttributeType.S), attribute("extra", ScalarAttributeType.N))
                .keySchema(key("id", KeyType.HASH))));

        // then
        assertThat(thrown).satisfies(Errors::isValidationException);
    }

    @Test
    void listTables_findsACreatedTable() {
        // given
        String name = tables.hashTable("listed", "id", ScalarAttributeType.S);

        // when
        List<String> names = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            ListTablesResponse page = dynamo.listTables(r -> r.exclusiveStartTableName(exclusiveStart));
            names.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);

        // then
        assertThat(names).contains(name).doesNotHaveDuplicates();
    }

    @Test
    void listTables_pagesWithLimit_fromExclusiveStartTableName() {
        // given three tables whose names sort together
        List<String> names = List.of(tables.name("page-a"), tables.name("page-b"), tables.name("page-c"));
        names.forEach(name -> dynamo.createTable(hashTableRequest(name)));
        names.forEach(tables::awaitActive);

        // when paging one name at a time, starting after the first
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String start = names.getFirst();
        for (int calls = 0; start != null && !seen.contains(names.getLast()) && calls < 1_000; calls++) {
            String exclusiveStart = start;
            ListTablesResponse page = dynamo.listTables(r -> r.limit(1).exclusiveStartTableName(exclusiveStart));
            pageSizes.add(page.tableNames().size());
            seen.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
            if (start != null) {
                assertThat(start).isEqualTo(page.tableNames().getLast());
            }
        }

        // then
        assertThat(pageSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(1));
        assertThat(seen.stream().filter(names::contains).toList()).containsExactly(names.get(1), names.get(2));
    }

    @Test
    void deleteTable_returnsItsDescription_andTheTableDisappears() {
        // given
        String name = tables.hashTable("deleted", "id", ScalarAttributeType.S);

        // when
        DeleteTableResponse deleted = dynamo.deleteTable(r -> r.tableName(name));
        tables.awaitDeleted(name);

        // then
        assertThat(deleted.tableDescription().tableName()).isEqualTo(name);
        assertThatThrownBy(() -> dynamo.describeTable(r -> r.tableName(name))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void describeTimeToLive_isDisabled_forANewTable() {
        // given
        String name = tables.hashTable("ttl-off", "id", ScalarAttributeType.S);

        // when
        DescribeTimeToLiveResponse ttl = dynamo.describeTimeToLive(r -> r.tableName(name));

        // then
        assertThat(ttl.timeToLiveDescription().timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
    }

    @Test
    void updateTimeToLive_enablesTtlOnAnAttribute() {
        // given
        String name = tables.hashTable("ttl-on", "id", ScalarAttributeType.S);

        // when
        UpdateTimeToLiveResponse update = dynamo.updateTimeToLive(r -> r.tableName(name)
                .timeToLiveSpecification(spec -> spec.enabled(true).attributeName("expiresAt")));
        DescribeTimeToLiveResponse ttl = dynamo.describeTimeToLive(r -> r.tableName(name));

        // then
        assertThat(update.timeToLiveSpecification().enabled()).isTrue();
        assertThat(update.timeToLiveSpecification().attributeName()).isEqualTo("expiresAt");
        assertThat(ttl.timeToLiveDescription().timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        assertThat(ttl.timeToLiveDescription().attributeName()).isEqualTo("expiresAt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operationsOnAMissingTable")
    void operationFailsWithResourceNotFound_whenTableIsMissing(BiConsumer<DynamoDbClient, String> operation) {
        // given
        String missing = tables.name("never-created");

        // when
        Throwable thrown = catchThrowable(() -> operation.accept(dynamo, missing));

        // then
        assertThat(thrown).isInstanceOf(ResourceNotFoundException.class);
    }

    static Stream<Named<BiConsumer<DynamoDbClient, String>>> operationsOnAMissingTable() {
        Map<String, AttributeValue> key = item("id", s("k"));
        return Stream.of(
                Named.of("DescribeTable", (d, t) -> d.describeTable(r -> r.tableName(t))),
                Named.of("DeleteTable", (d, t) -> d.deleteTable(r -> r.tableName(t))),
                Named.of("DescribeTimeToLive", (d, t) -> d.describeTimeToLive(r -> r.tableName(t))),
                Named.of("UpdateTimeToLive", (d, t) -> d.updateTimeToLive(r -> r.tableName(t)
                        .timeToLiveSpecification(spec -> spec.enabled(true).attributeName("ttl")))),
                Named.of("PutItem", (d, t) -> d.putItem(r -> r.tableName(t).item(key))),
                Named.of("GetItem", (d, t) -> d.getItem(r -> r.tableName(t).key(key))),
                Named.of("UpdateItem", (d, t) -> d.updateItem(r -> r.tableName(t).key(key)
                        .updateExpression("SET a = :a").expressionAttributeValues(Map.of(":a", s("x"))))),
                Named.of("DeleteItem", (d, t) -> d.deleteItem(r -> r.tableName(t).key(key))),
                Named.of("Query", (d, t) -> d.query(r -> r.tableName(t)
                        .keyConditionExpression("id = :id").expressionAttributeValues(Map.of(":id", s("k"))))),
                Named.of("Scan", (d, t) -> d.scan(r -> r.tableName(t))),
                Named.of("BatchGetItem", (d, t) -> d.batchGetItem(r -> r.requestItems(
                        Map.of(t, KeysAndAttributes.builder().keys(key).build())))),
                Named.of("BatchWriteItem", (d, t) -> d.batchWriteItem(r -> r.requestItems(
                        Map.of(t, List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(key).build()).build()))))),
                Named.of("TransactWriteItems", (d, t) -> d.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(t).item(key)).build()))),
                Named.of("TransactGetItems", (d, t) -> d.transactGetItems(r -> r.transactItems(
                        TransactGetItem.builder().get(g -> g.tableName(t).key(key)).build()))));
    }

    private static CreateTableRequest hashTableRequest(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("id", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH))
                .build();
    }
}
