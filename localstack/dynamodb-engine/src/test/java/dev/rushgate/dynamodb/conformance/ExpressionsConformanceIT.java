package dev.rushgate.dynamodb.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.rushgate.dynamodb.conformance.Attributes.bool;
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
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Update expressions (SET, REMOVE, ADD, DELETE and their functions) and condition expressions. */
@ExtendWith(ConformanceExtension.class)
class ExpressionsConformanceIT {
    private static DynamoDbClient dynamo;
    private static String table;
    private static final Map<String, AttributeValue> CONDITION_ITEM = item(
            "pk", s("condition-subject"),
            "name", s("widget-blue"),
            "qty", n(5),
            "price", n("12.5"),
            "tags", ss("red", "blue"),
            "nums", ns("1", "2", "3"),
            "list", l(s("a"), n(1)),
            "map", m("nested", s("x")),
            "flag", bool(true),
            "nothing", nul(),
            "blank", s(""));

    @BeforeAll
    static void createTables(ConformanceTables tables) {
        dynamo = tables.dynamo();
        table = tables.hashTable("expressions", "pk", ScalarAttributeType.S);
        dynamo.putItem(r -> r.tableName(table).item(CONDITION_ITEM));
    }

    private static Map<String, AttributeValue> seed(Object... namesAndValues) {
        Map<String, AttributeValue> item = Attributes.with(item("pk", s(UUID.randomUUID().toString())), namesAndValues);
        dynamo.putItem(r -> r.tableName(table).item(item));
        return item("pk", item.get("pk"));
    }

    private static Map<String, AttributeValue> update(Map<String, AttributeValue> key, String expression, Object... values) {
        Map<String, AttributeValue> valueMap = item(values);
        return dynamo.updateItem(r -> r.tableName(table).key(key).updateExpression(expression)
                .expressionAttributeValues(valueMap.isEmpty() ? null : valueMap)
                .returnValues(ReturnValue.ALL_NEW)).attributes();
    }

    @Test
    void set_addsNewAttributesAndReplacesExistingOnes() {
        // given
        Map<String, AttributeValue> key = seed("a", s("old"), "keep", n(1));

        // when
        Map<String, AttributeValue> after = update(key, "SET a = :a, b = :b", ":a", s("new"), ":b", l(s("x")));

        // then
        assertThat(after).isEqualTo(Attributes.with(key, "a", s("new"), "keep", n(1), "b", l(s("x"))));
    }

    @Test
    void set_computesPlusAndMinus() {
        // given
        Map<String, AttributeValue> key = seed("a", n(10), "b", n("0.5"));

        // when
        Map<String, AttributeValue> after = update(key, "SET a = a + :three, b = b - :one, c = a - b",
                ":three", n(3), ":one", n(1));

        // then the right-hand sides read the item as it was before the update
        assertThat(after).containsEntry("a", n(13)).containsEntry("b", n("-0.5")).containsEntry("c", n("9.5"));
    }

    @Test
    void set_isValidationException_whenArithmeticReadsAMissingAttribute() {
        // given
        Map<String, AttributeValue> key = seed();

        // then
        assertValidationException(() -> update(key, "SET hits = hits + :one", ":one", n(1)));
    }

    @Test
    void ifNotExists_setsTheValue_whenTheAttributeIsAbsent() {
        // given
        Map<String, AttributeValue> key = seed();

        // when
        Map<String, AttributeValue> after = update(key, "SET visits = if_not_exists(visits, :zero) + :one",
                ":zero", n(0), ":one", n(1));

        // then
        assertThat(after).containsEntry("visits", n(1));
    }

    @Test
    void ifNotExists_keepsTheExistingValue_whenTheAttributeIsPresent() {
        // given
        Map<String, AttributeValue> key = seed("createdBy", s("first"));

        // when
        Map<String, AttributeValue> after = update(key, "SET createdBy = if_not_exists(createdBy, :me)", ":me", s("second"));

        // then
        assertThat(after).containsEntry("createdBy", s("first"));
    }

    @Test
    void listAppend_appendsOrPrepends_dependingOnOperandOrder() {
        // given
        Map<String, AttributeValue> key = seed("events", l(s("b")));

        // when
        Map<String, AttributeValue> after = update(key,
                "SET events = list_append(:front, events)", ":front", l(s("a")));
        after = update(key, "SET events = list_append(events, :back)", ":back", l(s("c"), s("d")));

        // then
        assertThat(after).containsEntry("events", l(s("a"), s("b"), s("c"), s("d")));
    }

    @Test
    void set_writesNestedMapAndListPaths() {
        // given
        Map<String, AttributeValue> key = seed("doc", m("nested", m("x", n(1)), "entries", l(s("a"), s("b"))));

        // when
        Map<String, AttributeValue> after = update(key, "SET doc.nested.y = :y, doc.entries[1] = :b2, doc.nested.x = :x",
                ":y", s("why"), ":b2", s("B"), ":x", n(2));

        // then
        assertThat(after).containsEntry("doc", m("nested", m("x", n(2), "y", s("why")), "entries", l(s("a"), s("B"))));
    }

    @Test
    void set_appendsToTheList_whenTheIndexIsBeyondItsEnd() {
        // given
        Map<String, AttributeValue> key = seed("entries", l(s("a")));

        // when
        Map<String, AttributeValue> after = update(key, "SET entries[10] = :z", ":z", s("z"));

        // then
        assertThat(after).containsEntry("entries", l(s("a"), s("z")));
    }

    @Test
    void set_isValidationException_whenTheParentMapDoesNotExist() {
        // given
        Map<String, AttributeValue> key = seed();

        // then
        assertValidationException(() -> update(key, "SET absent.child = :v", ":v", s("v")));
    }

    @Test
    void remove_deletesAttributesAndNestedPaths() {
        // given
        Map<String, AttributeValue> key = seed("a", s("1"), "b", s("2"), "doc", m("x", s("3"), "y", s("4")));

        // when
        Map<String, AttributeValue> after = update(key, "REMOVE a, doc.x, notThere");

        // then
        assertThat(after).isEqualTo(Attributes.with(key, "b", s("2"), "doc", m("y", s("4"))));
    }

    @Test
    void remove_ofAListElement_shiftsTheRemainingElements() {
        // given
        Map<String, AttributeValue> key = seed("entries", l(s("a"), s("b"), s("c"), s("d")));

        // when
        Map<String, AttributeValue> after = update(key, "REMOVE entries[0], entries[2]");

        // then
        assertThat(after).containsEntry("entries", l(s("b"), s("d")));
    }

    @Test
    void add_increasesANumber_andStartsAMissingNumberAtZero() {
        // given
        Map<String, AttributeValue> key = seed("tally", n(5));

        // when
        Map<String, AttributeValue> after = update(key, "ADD tally :two, fresh :minus", ":two", n(2), ":minus", n(-3));

        // then
        assertThat(after).containsEntry("tally", n(7)).containsEntry("fresh", n(-3));
    }

    @Test
    void add_unionsIntoASet_andCreatesAMissingSet() {
        // given
        Map<String, AttributeValue> key = seed("tags", ss("a", "b"));

        // when
        Map<String, AttributeValue> after = update(key, "ADD tags :more, nums :nums",
                ":more", ss("b", "c"), ":nums", ns("1", "2"));

        // then
        assertThat(after.get("tags").ss()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(after.get("nums").ns()).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void add_isValidationException_onAString() {
        // given
        Map<String, AttributeValue> key = seed("label", s("text"));

        // then
        assertValidationException(() -> update(key, "ADD label :one", ":one", n(1)));
    }

    @Test
    void delete_removesElementsFromASet() {
        // given
        Map<String, AttributeValue> key = seed("tags", ss("a", "b", "c"));

        // when
        Map<String, AttributeValue> after = update(key, "DELETE tags :gone", ":gone", ss("a", "c", "absent"));

        // then
        assertThat(after.get("tags").ss()).containsExactly("b");
    }

    @Test
    void delete_removesTheAttribute_whenTheSetBecomesEmpty() {
        // given
        Map<String, AttributeValue> key = seed("tags", ss("a", "b"), "other", s("x"));

        // when
        Map<String, AttributeValue> after = update(key, "DELETE tags :all", ":all", ss("a", "b"));

        // then
        assertThat(after).isEqualTo(Attributes.with(key, "other", s("x")));
    }

    @Test
    void expressionAttributeNamesAndValues_standInForNamesAndValues() {
        // given
        Map<String, AttributeValue> key = seed();

        // when
        Map<String, AttributeValue> after = dynamo.updateItem(r -> r.tableName(table).key(key)
                .updateExpression("SET #status = :status, #dotted = :v")
                .expressionAttributeNames(Map.of("#status", "status", "#dotted", "a.b"))
                .expressionAttributeValues(Map.of(":status", s("open"), ":v", n(1)))
                .returnValues(ReturnValue.ALL_NEW)).attributes();

        // then a name with a dot is one top-level attribute, not a path
        assertThat(after).containsEntry("status", s("open")).containsEntry("a.b", n(1));
    }

    @Test
    void reservedWord_usedPlainly_isValidationException() {
        // given
        Map<String, AttributeValue> key = seed();

        // then
        assertValidationException(() -> update(key, "SET status = :s", ":s", s("open")));
    }

    @Test
    void unusedExpressionAttributeValue_isValidationException() {
        // given
        Map<String, AttributeValue> key = seed();

        // then
        assertValidationException(() -> update(key, "SET a = :a", ":a", s("x"), ":unused", s("y")));
    }

    @Test
    void unusedExpressionAttributeName_isValidationException() {
        assertValidationException(() -> dynamo.updateItem(r -> r.tableName(table).key(seed())
                .updateExpression("SET a = :a")
                .expressionAttributeNames(Map.of("#unused", "b"))
                .expressionAttributeValues(Map.of(":a", s("x")))));
    }

    @Test
    void undefinedExpressionAttributeValue_isValidationException() {
        // given
        Map<String, AttributeValue> key = seed();

        // then
        assertValidationException(() -> update(key, "SET a = :a, b = :missing", ":a", s("x")));
    }

    @Test
    void overlappingPathsInOneUpdate_areValidationException() {
        // given
        Map<String, AttributeValue> key = seed("a", s("x"));

        // then
        assertValidationException(() -> update(key, "SET a = :v REMOVE a", ":v", s("y")));
    }

    @Test
    void malformedConditionExpression_isValidationException() {
        assertValidationException(() -> dynamo.putItem(r -> r.tableName(table).item(item("pk", s("malformed")))
                .conditionExpression("attribute_exists(")));
    }

    @ParameterizedTest(name = "{0} is {2}")
    @MethodSource("conditions")
    void conditionExpression_evaluatesAgainstTheStoredItem(String condition, Map<String, AttributeValue> values, boolean expected) {
        // when
        boolean held = conditionHolds(condition, values);

        // then
        assertThat(held).isEqualTo(expected);
    }

    static Stream<Arguments> conditions() {
        return Stream.of(
                arguments("attribute_exists(qty)", Map.of(), true),
                arguments("attribute_exists(absent)", Map.of(), false),
                arguments("attribute_not_exists(absent)", Map.of(), true),
                arguments("attribute_not_exists(qty)", Map.of(), false),
                arguments("attribute_exists(#map.nested)", Map.of(), true),
                arguments("attribute_exists(#list[5])", Map.of(), false),
                arguments("attribute_type(qty, :t)", Map.of(":t", s("N")), true),
                arguments("attribute_type(qty, :t)", Map.of(":t", s("S")), false),
                arguments("attribute_type(tags, :t)", Map.of(":t", s("SS")), true),
                arguments("attribute_type(nums, :t)", Map.of(":t", s("NS")), true),
                arguments("attribute_type(nothing, :t)", Map.of(":t", s("NULL")), true),
                arguments("attribute_type(flag, :t)", Map.of(":t", s("BOOL")), true),
                arguments("attribute_type(#map, :t)", Map.of(":t", s("M")), true),
                arguments("attribute_type(#list, :t)", Map.of(":t", s("L")), true),
                arguments("begins_with(#name, :p)", Map.of(":p", s("widget")), true),
                arguments("begins_with(#name, :p)", Map.of(":p", s("blue")), false),
                arguments("contains(#name, :s)", Map.of(":s", s("get-bl")), true),
                arguments("contains(tags, :s)", Map.of(":s", s("red")), true),
                arguments("contains(tags, :s)", Map.of(":s", s("green")), false),
                arguments("contains(nums, :n)", Map.of(":n", n("2.0")), true),
                arguments("contains(#list, :s)", Map.of(":s", s("a")), true),
                arguments("size(#name) = :len", Map.of(":len", n(11)), true),
                arguments("size(tags) = :len", Map.of(":len", n(2)), true),
                arguments("size(#list) = :len", Map.of(":len", n(2)), true),
                arguments("size(#map) = :len", Map.of(":len", n(1)), true),
                arguments("size(blank) = :len", Map.of(":len", n(0)), true),
                arguments("qty IN (:a, :b, :c)", Map.of(":a", n(1), ":b", n(5), ":c", n(9)), true),
                arguments("qty IN (:a)", Map.of(":a", n(4)), false),
                arguments("qty BETWEEN :lo AND :hi", Map.of(":lo", n(5), ":hi", n(6)), true),
                arguments("price BETWEEN :lo AND :hi", Map.of(":lo", n(13), ":hi", n(20)), false),
                arguments("price = :p", Map.of(":p", n("12.50")), true),
                arguments("qty <> :v", Map.of(":v", n(4)), true),
                arguments("qty >= :v", Map.of(":v", n(5)), true),
                arguments("qty > :v", Map.of(":v", n(5)), false),
                arguments("#name > :v", Map.of(":v", s("widget-a")), true),
                arguments("qty = :five AND price > :ten", Map.of(":five", n(5), ":ten", n(10)), true),
                arguments("qty = :one OR price > :ten", Map.of(":one", n(1), ":ten", n(10)), true),
                arguments("NOT qty = :five", Map.of(":five", n(5)), false),
                arguments("NOT (qty < :three)", Map.of(":three", n(3)), true),
                arguments("qty = :one OR qty = :five AND price < :zero", Map.of(":one", n(1), ":five", n(5), ":zero", n(0)), false),
                arguments("(qty = :one OR qty = :five) AND price > :zero", Map.of(":one", n(1), ":five", n(5), ":zero", n(0)), true),
                arguments("#map.nested = :x", Map.of(":x", s("x")), true),
                arguments("#list[1] = :one", Map.of(":one", n(1)), true),
                arguments("blank = :empty", Map.of(":empty", s("")), true),
                arguments("flag = :t", Map.of(":t", bool(true)), true),
                arguments("qty < :text", Map.of(":text", s("zzz")), false),
                arguments("#name = :five", Map.of(":five", n(5)), false),
                arguments("absent < :v", Map.of(":v", n(1)), false));
    }

    private static boolean conditionHolds(String condition, Map<String, AttributeValue> conditionValues) {
        Map<String, AttributeValue> values = new HashMap<>(conditionValues);
        values.put(":probe", s(UUID.randomUUID().toString()));
        Map<String, String> names = new HashMap<>();
        for (String word : new String[]{"name", "list", "map"}) {
            if (condition.contains("#" + word)) {
                names.put("#" + word, word);
            }
        }
        try {
            dynamo.updateItem(r -> r.tableName(table).key(item("pk", CONDITION_ITEM.get("pk")))
                    .updateExpression("SET probe = :probe")
                    .conditionExpression(condition)
                    .expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
