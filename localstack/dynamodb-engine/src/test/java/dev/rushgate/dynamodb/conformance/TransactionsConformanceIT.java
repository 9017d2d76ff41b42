package dev.rushgate.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static dev.rushgate.dynamodb.conformance.Attributes.item;
import static dev.rushgate.dynamodb.conformance.Attributes.n;
import static dev.rushgate.dynamodb.conformance.Attributes.s;
import static dev.rushgate.dynamodb.conformance.Errors.assertValidationException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** TransactWriteItems and TransactGetItems: atomicity across tables, cancellation reasons, limits, idempotency. */
@ExtendWith(ConformanceExtension.class)
class TransactionsConformanceIT {
    private static DynamoDbClient dynamo;
    private static String accounts;
    private static String ledger;

    @BeforeAll
    static void createTables(ConformanceTables tables) {
        dynamo = tables.dynamo();
        accounts = tables.hashTable("tx-accounts", "pk", ScalarAttributeType.S);
        ledger = tables.hashTable("tx-ledger", "pk", ScalarAttributeType.S);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static void put(String table, Map<String, AttributeValue> item) {
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> get(String table, String pk) {
        return dynamo.getItem(r -> r.tableName(table).key(item("pk", s(pk))).consistentRead(true)).item();
    }

    private static TransactWriteItem putAction(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    private static TransactWriteItem addAction(String table, String pk, long amount) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(item("pk", s(pk)))
                .updateExpression("ADD balance :amount").expressionAttributeValues(Map.of(":amount", n(amount)))).build();
    }

    private static TransactWriteItem requireBalance(String table, String pk, long atLeast,
                                                    ReturnValuesOnConditionCheckFailure returnValues) {
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(item("pk", s(pk)))
                .conditionExpression("balance >= :min").expressionAttributeValues(Map.of(":min", n(atLeast)))
                .returnValuesOnConditionCheckFailure(returnValues)).build();
    }

    @Test
    void transactWrite_appliesPutUpdateDeleteAndConditionCheck_acrossTwoTables() {
        // given
        String payer = unique("payer");
        String payee = unique("payee");
        String stale = unique("stale");
        String entry = unique("entry");
        put(accounts, item("pk", s(payer), "balance", n(100)));
        put(accounts, item("pk", s(payee), "balance", n(0)));
        put(ledger, item("pk", s(stale)));

        // when
        dynamo.transactWriteItems(r -> r.transactItems(
                requireBalance(accounts, payer, 30, null),
                addAction(accounts, payee, 30),
                putAction(ledger, item("pk", s(entry), "amount", n(30))),
                TransactWriteItem.builder().delete(d -> d.tableName(ledger).key(item("pk", s(stale)))).build()));

        // then
        assertThat(get(accounts, payer)).containsEntry("balance", n(100));
        assertThat(get(accounts, payee)).containsEntry("balance", n(30));
        assertThat(get(ledger, entry)).containsEntry("amount", n(30));
        assertThat(get(ledger, stale)).isEmpty();
    }

    @Test
    void transactWrite_failedCondition_cancelsEveryAction_withOneReasonPerActionInOrder() {
        // given
        String payer = unique("payer");
        String payee = unique("payee");
        String entry = unique("entry");
        put(accounts, item("pk", s(payer), "balance", n(10)));
        put(accounts, item("pk", s(payee), "balance", n(0)));

        // when
        TransactionCanceledException cancelled = catchThrowableOfType(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(r -> r.transactItems(
                        putAction(ledger, item("pk", s(entry))),
                        addAction(accounts, payee, 50),
                        requireBalance(accounts, payer, 50, null))));

        // then
        assertThat(cancelled).isNotNull();
        assertThat(cancelled.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "None", "ConditionalCheckFailed");
        assertThat(cancelled.cancellationReasons().get(2).hasItem()).isFalse();
        assertThat(get(ledger, entry)).isEmpty();
        assertThat(get(accounts, payee)).containsEntry("balance", n(0));
    }

    @Test
    void transactWrite_cancellationReason_carriesTheItem_withReturnValuesOnConditionCheckFailure() {
        // given
        String payer = unique("payer");
        put(accounts, item("pk", s(payer), "balance", n(10)));

        // when
        TransactionCanceledException cancelled = catchThrowableOfType(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(r -> r.transactItems(
                        requireBalance(accounts, payer, 50, ReturnValuesOnConditionCheckFailure.ALL_OLD),
                        putAction(ledger, item("pk", s(unique("entry")))))));

        // then
        assertThat(cancelled).isNotNull();
        CancellationReason reason = cancelled.cancellationReasons().getFirst();
        assertThat(reason.code()).isEqualTo("ConditionalCheckFailed");
        assertThat(reason.item()).isEqualTo(item("pk", s(payer), "balance", n(10)));
        assertThat(cancelled.cancellationReasons().get(1).code()).isEqualTo("None");
    }

    @Test
    void transactWrite_failedPutCondition_isReportedAtItsPosition() {
        // given
        String existing = unique("existing");
        String fresh = unique("fresh");
        put(ledger, item("pk", s(existing)));

        // when
        TransactionCanceledException cancelled = catchThrowableOfType(TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(r -> r.transactItems(
                        putAction(ledger, item("pk", s(fresh))),
                        TransactWriteItem.builder().put(p -> p.tableName(ledger).item(item("pk", s(existing), "v", n(1)))
                                .conditionExpression("attribute_not_exists(pk)")).build())));

        // then
        assertThat(cancelled).isNotNull();
        assertThat(cancelled.cancellationReasons()).extracting(CancellationReason::code)
                .containsExactly("None", "ConditionalCheckFailed");
        assertThat(get(ledger, fresh)).isEmpty();
        assertThat(get(ledger, existing)).doesNotContainKey("v");
    }

    @Test
    void transactWrite_withTwoActionsOnTheSameItem_isValidationException() {
        // given
        String pk = unique("same");

        // then
        assertValidationException(() -> dynamo.transactWriteItems(r -> r.transactItems(
                putAction(accounts, item("pk", s(pk))),
                addAction(accounts, pk, 1))));
        assertThat(get(accounts, pk)).isEmpty();
    }

    @Test
    void transactWrite_of100Actions_isAccepted() {
        // given
        String prefix = unique("hundred");
        List<TransactWriteItem> actions = IntStream.range(0, 100)
                .mapToObj(i -> putAction(ledger, item("pk", s(prefix + "-" + i)))).toList();

        // when
        dynamo.transactWriteItems(r -> r.transactItems(actions));

        // then
        assertThat(get(ledger, prefix + "-0")).isNotEmpty();
        assertThat(get(ledger, prefix + "-99")).isNotEmpty();
    }

    @Test
    void transactWrite_ofMoreThan100Actions_isValidationException() {
        // given
        String prefix = unique("too-many");
        List<TransactWriteItem> actions = IntStream.range(0, 101)
                .mapToObj(i -> putAction(ledger, item("pk", s(prefix + "-" + i)))).toList();

        // then
        assertValidationException(() -> dynamo.transactWriteItems(r -> r.transactItems(actions)));
        assertThat(get(ledger, prefix + "-0")).isEmpty();
    }

    @Test
    void transactWrite_repeatedWithTheSameClientRequestToken_isAppliedOnce() {
        // given
        String counter = unique("counter");
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .clientRequestToken(UUID.randomUUID().toString())
                .transactItems(addAction(accounts, counter, 1))
                .build();
        dynamo.transactWriteItems(request);

        // when
        dynamo.transactWriteItems(request);

        // then
        assertThat(get(accounts, counter)).containsEntry("balance", n(1));
    }

    @Test
    void transactWrite_sameClientRequestTokenWithADifferentRequest_isIdempotentParameterMismatch() {
        // given
        String token = UUID.randomUUID().toString();
        String counter = unique("counter");
        dynamo.transactWriteItems(r -> r.clientRequestToken(token).transactItems(addAction(accounts, counter, 1)));

        // when
        IdempotentParameterMismatchException mismatch = catchThrowableOfType(IdempotentParameterMismatchException.class,
                () -> dynamo.transactWriteItems(r -> r.clientRequestToken(token).transactItems(addAction(accounts, counter, 5))));

        // then
        assertThat(mismatch).isNotNull();
        assertThat(get(accounts, counter)).containsEntry("balance", n(1));
    }

    @Test
    void transactGet_returnsItemsInRequestOrder_withEmptyResponsesForAbsentItems() {
        // given
        String first = unique("first");
        String second = unique("second");
        put(accounts, item("pk", s(first), "v", n(1)));
        put(ledger, item("pk", s(second), "v", n(2)));

        // when
        List<ItemResponse> responses = dynamo.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(ledger).key(item("pk", s(second)))).build(),
                TransactGetItem.builder().get(g -> g.tableName(accounts).key(item("pk", s(unique("absent"))))).build(),
                TransactGetItem.builder().get(g -> g.tableName(accounts).key(item("pk", s(first)))).build())).responses();

        // then
        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).item()).isEqualTo(item("pk", s(second), "v", n(2)));
        assertThat(responses.get(1).item()).isEmpty();
        assertThat(responses.get(2).item()).isEqualTo(item("pk", s(first), "v", n(1)));
    }

    @Test
    void transactGet_appliesTheProjectionExpression() {
        // given
        String pk = unique("projected");
        put(accounts, item("pk", s(pk), "a", s("1"), "b", s("2")));

        // when
        List<ItemResponse> responses = dynamo.transactGetItems(r -> r.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(accounts).key(item("pk", s(pk))).projectionExpression("b")).build()))
                .responses();

        // then
        assertThat(responses.getFirst().item()).isEqualTo(item("b", s("2")));
    }
}
