package dev.rushgate.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.rushgate.dynamodb.conformance.Attributes.b;
import static dev.rushgate.dynamodb.conformance.Attributes.bs;
import static dev.rushgate.dynamodb.conformance.Attributes.item;
import static dev.rushgate.dynamodb.conformance.Attributes.n;
import static dev.rushgate.dynamodb.conformance.Attributes.ns;
import static dev.rushgate.dynamodb.conformance.Attributes.s;
import static dev.rushgate.dynamodb.conformance.Attributes.ss;
import static dev.rushgate.dynamodb.conformance.Errors.assertValidationException;
import static org.assertj.core.api.Assertions.assertThat;

/** What DynamoDB accepts and how it stores it: numbers, sets, empty values, keys, sizes, binary, sort order. */
@ExtendWith(ConformanceExtension.class)
class DataRulesConformanceIT {
    private static final int MAX_ITEM_BYTES = 400 * 1024;

    private static DynamoDbClient dynamo;
    private static String table;
    private static String numberKeyed;
    private static String stringSorted;
    private static String binarySorted;

    @BeforeAll
    static void createTables(ConformanceTables tables) {
        dynamo = tables.dynamo();
        table = tables.hashTable("data", "pk", ScalarAttributeType.S);
        numberKeyed = tables.hashTable("data-number-key", "pk", ScalarAttributeType.N);
        stringSorted = tables.hashRangeTable("data-string-sort", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.S);
        binarySorted = tables.hashRangeTable("data-binary-sort", "pk", ScalarAttributeType.S, "sk", ScalarAttributeType.B);
    }

    private static Map<String, AttributeValue> newKey() {
        return item("pk", s(UUID.randomUUID().toString()));
    }

    private static Map<String, AttributeValue> roundTrip(Object... namesAndValues) {
        Map<String, AttributeValue> key = newKey();
        dynamo.putItem(r -> r.tableName(table).item(Attributes.with(key, namesAndValues)));
        return dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    }

    private static void put(Object... namesAndValues) {
        dynamo.putItem(r -> r.tableName(table).item(Attributes.with(newKey(), namesAndValues)));
    }

    @ParameterizedTest(name = "{0} is stored as {1}")
    @CsvSource({"1.10, 1.1", "1E+2, 100", "1.5e3, 1500", "-0, 0", "007, 7", "0.0100, 0.01", "-00.50, -0.5", "0.000, 0"})
    void numbers_areNormalised(String sent, String stored) {
        // when
        Map<String, AttributeValue> read = roundTrip("v", n(sent));

        // then
        assertThat(read.get("v").n()).isEqualTo(stored);
    }

    @Test
    void numberKeys_matchByValue() {
        // given
        dynamo.putItem(r -> r.tableName(numberKeyed).item(item("pk", n("1.50"), "v", s("x"))));

        // when
        Map<String, AttributeValue> read = dynamo.getItem(r -> r.tableName(numberKeyed).key(item("pk", n("1.5"))).consistentRead(true)).item();

        // then
        assertThat(read).isEqualTo(item("pk", n("1.5"), "v", s("x")));
    }

    @Test
    void thirtyEightSignificantDigits_areStoredExactly() {
        // given
        String digits = "1234567890123456789012345678901234.5678";

        // when
        Map<String, AttributeValue> read = roundTrip("v", n(digits));

        // then
        assertThat(read.get("v").n()).isEqualTo(digits);
    }

    @Test
    void thirtyNineSignificantDigits_areValidationException() {
        assertValidationException(() -> put("v", n("123456789012345678901234567890123456789")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125", "1E-130", "-1E-130"})
    void numbersAtTheMagnitudeLimits_areAccepted(String number) {
        // when
        Map<String, AttributeValue> read = roundTrip("v", n(number));

        // then
        assertThat(new BigDecimal(read.get("v").n())).isEqualByComparingTo(new BigDecimal(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+126", "-1E+126", "1E-131", "-1E-131"})
    void numbersBeyondTheMagnitudeLimits_areValidationException(String number) {
        assertValidationException(() -> put("v", n(number)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.2.3", "", "NaN", "Infinity"})
    void malformedNumbers_areValidationException(String number) {
        assertValidationException(() -> put("v", n(number)));
    }

    @Test
    void arithmetic_isDecimalAndExact() {
        // given
        Map<String, AttributeValue> key = newKey();
        dynamo.putItem(r -> r.tableName(table).item(Attributes.with(key,
                "tenth", n("0.1"), "big", n("12345678901234567890123456789012345678"))));

        // when
        Map<String, AttributeValue> after = dynamo.updateItem(r -> r.tableName(table).key(key)
                .updateExpression("SET tenth = tenth + :fifth, big = big - :one")
                .expressionAttributeValues(Map.of(":fifth", n("0.2"), ":one", n(1)))
                .returnValues(ReturnValue.ALL_NEW)).attributes();

        // then
        assertThat(after.get("tenth").n()).isEqualTo("0.3");
        assertThat(after.get("big").n()).isEqualTo("12345678901234567890123456789012345677");
    }

    @Test
    void numberSetMembers_thatAreEqualByValue_areDuplicates() {
        assertValidationException(() -> put("v", ns("1", "1.0")));
    }

    @Test
    void deletingFromANumberSet_matchesByValue() {
        // given
        Map<String, AttributeValue> key = newKey();
        dynamo.putItem(r -> r.tableName(table).item(Attributes.with(key, "v", ns("1.5", "2"))));

        // when
        Map<String, AttributeValue> after = dynamo.updateItem(r -> r.tableName(table).key(key)
                .updateExpression("DELETE v :gone").expressionAttributeValues(Map.of(":gone", ns("1.50")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();

        // then
        assertThat(after.get("v").ns()).containsExactly("2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptySets")
    void emptySets_areValidationException(String type, AttributeValue empty) {
        assertValidationException(() -> put("v", empty));
    }

    static Stream<Arguments> emptySets() {
        return Stream.of(
                Arguments.of("SS", AttributeValue.fromSs(List.of())),
                Arguments.of("NS", AttributeValue.fromNs(List.of())),
                Arguments.of("BS", AttributeValue.fromBs(List.of())));
    }

    @Test
    void duplicateStringSetMembers_areValidationException() {
        assertValidationException(() -> put("v", ss("a", "a")));
    }

    @Test
    void duplicateBinarySetMembers_areValidationException() {
        assertValidationException(() -> put("v", bs(new byte[]{1, 2}, new byte[]{1, 2})));
    }

    @Test
    void emptyStringAndBinary_areAllowedOutsideTheKey() {
        // when
        Map<String, AttributeValue> read = roundTrip("text", s(""), "bytes", b());

        // then
        assertThat(read.get("text").s()).isEmpty();
        assertThat(read.get("bytes").b().asByteArray()).isEmpty();
    }

    @Test
    void emptyStringPartitionKey_isValidationException() {
        assertValidationException(() -> dynamo.putItem(r -> r.tableName(table).item(item("pk", s("")))));
    }

    @Test
    void emptyStringSortKey_isValidationException() {
        assertValidationException(() -> dynamo.putItem(r -> r.tableName(stringSorted).item(item("pk", s("p"), "sk", s("")))));
    }

    @Test
    void emptyBinarySortKey_isValidationException() {
        assertValidationException(() -> dynamo.putItem(r -> r.tableName(binarySorted).item(item("pk", s("p"), "sk", b()))));
    }

    @Test
    void keyOfTheWrongType_isValidationException() {
        assertValidationException(() -> dynamo.putItem(r -> r.tableName(table).item(item("pk", n(1)))));
    }

    @Test
    void keyOfTheWrongType_inGetItem_isValidationException() {
        assertValidationException(() -> dynamo.getItem(r -> r.tableName(numberKeyed).key(item("pk", s("1")))));
    }

    @Test
    void itemWithoutItsKeyAttribute_isValidationException() {
        assertValidationException(() -> dynamo.putItem(r -> r.tableName(table).item(item("other", s("x")))));
    }

    @Test
    void itemWithoutItsSortKey_isValidationException() {
        assertValidationException(() -> dynamo.putItem(r -> r.tableName(stringSorted).item(item("pk", s("p"), "v", s("x")))));
    }

    @Test
    void keyWithExtraAttributes_isValidationException() {
        assertValidationException(() -> dynamo.getItem(r -> r.tableName(table).key(item("pk", s("p"), "extra", s("x")))));
    }

    @Test
    void itemJustUnder400KB_isStoredWhole() {
        // given
        String payload = "x".repeat(MAX_ITEM_BYTES - 200);

        // when
        Map<String, AttributeValue> read = roundTrip("payload", s(payload));

        // then
        assertThat(read.get("payload").s()).hasSize(payload.length());
    }

    @Test
    void itemOver400KB_isValidationException() {
        assertValidationException(() -> put("payload", s("x".repeat(MAX_ITEM_BYTES + 1))));
    }

    @Test
    void itemSize_countsUtf8Bytes_notCharacters() {
        // given 3 bytes per character in UTF-8: about 410 KB while only about 137 thousand characters
        String payload = "\u20AC".repeat(MAX_ITEM_BYTES / 3 + 100);

        // then
        assertValidationException(() -> put("payload", s(payload)));
    }

    @Test
    void partitionKeyOf2048Bytes_isAccepted_butOneMoreByteIsNot() {
        // given
        String longest = "p".repeat(2048);

        // when
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s(longest))));

        // then
        assertThat(dynamo.getItem(r -> r.tableName(table).key(item("pk", s(longest))).consistentRead(true)).hasItem()).isTrue();
        assertValidationException(() -> dynamo.putItem(r -> r.tableName(table).item(item("pk", s(longest + "p")))));
    }

    @Test
    void sortKeyOf1024Bytes_isAccepted_butOneMoreByteIsNot() {
        // given
        String longest = "s".repeat(1024);

        // when
        dynamo.putItem(r -> r.tableName(stringSorted).item(item("pk", s("long-sort"), "sk", s(longest))));

        // then
        assertThat(dynamo.getItem(r -> r.tableName(stringSorted).consistentRead(true)
                .key(item("pk", s("long-sort"), "sk", s(longest)))).hasItem()).isTrue();
        assertValidationException(() -> dynamo.putItem(r -> r.tableName(stringSorted)
                .item(item("pk", s("long-sort"), "sk", s(longest + "s")))));
    }

    @Test
    void binaryValues_roundTripEveryByte() {
        // given
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }

        // when
        Map<String, AttributeValue> read = roundTrip("bytes", b(every), "set", bs(new byte[]{0}, new byte[]{(byte) 0xFF}));

        // then
        assertThat(read.get("bytes").b().asByteArray()).isEqualTo(every);
        assertThat(read.get("set").bs()).extracting(SdkBytes::asByteArray)
                .containsExactlyInAnyOrder(new byte[]{0}, new byte[]{(byte) 0xFF});
    }

    @Test
    void stringSortKeys_sortByUtf8Bytes() {
        // given U+FF21 is EF BC A1 in UTF-8 and FF21 in UTF-16; the emoji is F0 9F 98 80 and D83D DE00
        List<String> utf8Order = List.of("A", "a", "z", "\u00E9", "\uFF21", "\uD83D\uDE00");
        for (String sk : List.of("\uD83D\uDE00", "z", "\uFF21", "A", "\u00E9", "a")) {
            dynamo.putItem(r -> r.tableName(stringSorted).item(item("pk", s("utf8"), "sk", s(sk))));
        }

        // when
        List<String> order = dynamo.query(r -> r.tableName(stringSorted).consistentRead(true)
                        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("utf8"))))
                .items().stream().map(i -> i.get("sk").s()).toList();

        // then
        assertThat(order).containsExactlyElementsOf(utf8Order);
    }

    @Test
    void binarySortKeys_sortAsUnsignedBytes() {
        // given
        byte[][] unsignedOrder = {{0x00, 0x01}, {0x01}, {0x7F}, {(byte) 0x80}, {(byte) 0xFF}};
        for (byte[] sk : new byte[][]{{(byte) 0xFF}, {0x01}, {(byte) 0x80}, {0x00, 0x01}, {0x7F}}) {
            dynamo.putItem(r -> r.tableName(binarySorted).item(item("pk", s("bytes"), "sk", b(sk))));
        }

        // when
        List<byte[]> order = dynamo.query(r -> r.tableName(binarySorted).consistentRead(true)
                        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s("bytes"))))
                .items().stream().map(i -> i.get("sk").b().asByteArray()).toList();

        // then
        assertThat(order).containsExactly(unsignedOrder);
    }
}
