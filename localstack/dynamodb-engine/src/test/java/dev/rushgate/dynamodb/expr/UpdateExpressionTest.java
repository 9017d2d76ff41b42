package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.value.Value;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.rushgate.dynamodb.expr.TestValues.assertValidation;
import static dev.rushgate.dynamodb.expr.TestValues.assertValidationContaining;
import static dev.rushgate.dynamodb.expr.TestValues.ctx;
import static dev.rushgate.dynamodb.expr.TestValues.item;
import static dev.rushgate.dynamodb.expr.TestValues.l;
import static dev.rushgate.dynamodb.expr.TestValues.m;
import static dev.rushgate.dynamodb.expr.TestValues.n;
import static dev.rushgate.dynamodb.expr.TestValues.ns;
import static dev.rushgate.dynamodb.expr.TestValues.s;
import static dev.rushgate.dynamodb.expr.TestValues.ss;
import static dev.rushgate.dynamodb.expr.TestValues.values;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateExpressionTest {

    private static Map<String, Value> apply(String expression, ExpressionContext ctx, Map<String, Value> item) {
        return Expressions.update(expression, ctx).apply(item);
    }

    @Test
    void setsTopLevelAttributesWithoutTouchingTheInput() {
        // given
        var original = Map.of("pk", s("1"), "a", n("1"));
        var ctx = values(":a", n("2"), ":b", s("x"));

        // when
        var updated = apply("SET a = :a, b = :b", ctx, original);

        // then
        assertThat(updated).containsExactlyInAnyOrderEntriesOf(Map.of("pk", s("1"), "a", n("2"), "b", s("x")));
        assertThat(original).containsEntry("a", n("1")).doesNotContainKey("b");
    }

    @Test
    void addsAndSubtractsNumbers() {
        // given
        var ctx = values(":one", n("1"), ":half", n("0.5"));

        // when
        var updated = apply("SET a = a + :one, b = b - :half, c = :one + :half", ctx, item("a", n("41"), "b", n("1")));

        // then
        assertThat(updated).containsEntry("a", n("42")).containsEntry("b", n("0.5")).containsEntry("c", n("1.5"));
    }

    @Test
    void rejectsArithmeticOnNonNumbersAtApplyTime() {
        // given
        var update = Expressions.update("SET a = a + :one", values(":one", n("1")));

        // when / then
        assertValidation(() -> update.apply(item("a", s("x"))),
                "An operand in the update expression has an incorrect data type");
    }

    @Test
    void rejectsArithmeticOnLiteralNonNumbersAtParseTime() {
        assertValidation(() -> Expressions.update("SET a = a + :s", values(":s", s("x"))),
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S");
    }

    @Test
    void rejectsArithmeticBeyondThirtyEightDigits() {
        // given
        var update = Expressions.update("SET a = a + :tiny", values(":tiny", n("0.0000000000000000000000000000000000001")));

        // when / then
        assertValidationContaining(() -> update.apply(item("a", n("10"))), "38 significant digits");
    }

    @Test
    void rejectsReadingMissingAttribute() {
        // given
        var update = Expressions.update("SET a = b + :one", values(":one", n("1")));

        // when / then
        assertValidation(() -> update.apply(Map.of()),
                "The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void usesIfNotExistsFallbackOnlyWhenAbsent() {
        // given
        var update = Expressions.update("SET a = if_not_exists(a, :zero) + :one", values(":zero", n("0"), ":one", n("1")));

        // when / then
        assertThat(update.apply(Map.of())).containsEntry("a", n("1"));
        assertThat(update.apply(item("a", n("5")))).containsEntry("a", n("6"));
    }

    @Test
    void appendsLists() {
        // given
        var ctx = values(":tail", l(n("3")), ":head", l(n("0")), ":empty", l());

        // when
        var updated = apply("SET a = list_append(a, :tail), b = list_append(:head, b), c = list_append(if_not_exists(c, :empty), :tail)",
                ctx, item("a", l(n("1"), n("2")), "b", l(n("1"))));

        // then
        assertThat(updated).containsEntry("a", l(n("1"), n("2"), n("3")))
                .containsEntry("b", l(n("0"), n("1")))
                .containsEntry("c", l(n("3")));
    }

    @Test
    void rejectsListAppendOnNonList() {
        // given
        var update = Expressions.update("SET a = list_append(a, :tail)", values(":tail", l(n("3"))));

        // when / then
        assertValidation(() -> update.apply(item("a", s("x"))),
                "An operand in the update expression has an incorrect data type");
    }

    @Test
    void setsNestedMapKeysAndListElements() {
        // given
        var ctx = values(":v", s("new"));
        var stored = item("a", m("b", l(s("x"), s("y"))));

        // when
        var updated = apply("SET a.b[1] = :v, a.c = :v", ctx, stored);

        // then
        assertThat(updated).containsEntry("a", m("b", l(s("x"), s("new")), "c", s("new")));
    }

    @Test
    void appendsWhenSettingAnIndexPastTheEnd() {
        // when
        var updated = apply("SET l[10] = :v", values(":v", s("z")), item("l", l(s("x"))));

        // then
        assertThat(updated).containsEntry("l", l(s("x"), s("z")));
    }

    @Test
    void rejectsSettingUnderAMissingParent() {
        // given
        var update = Expressions.update("SET a.b.c = :v", values(":v", s("z")));

        // when / then
        assertValidation(() -> update.apply(item("a", m())),
                "The document path provided in the update expression is invalid for update");
        assertValidation(() -> update.apply(Map.of()),
                "The document path provided in the update expression is invalid for update");
        assertValidation(() -> update.apply(item("a", l())),
                "The document path provided in the update expression is invalid for update");
    }

    @Test
    void evaluatesEveryRightHandSideAgainstTheOriginalItem() {
        // given: a swap only works if b reads a's old value
        var update = Expressions.update("SET a = b, b = a", values());

        // when
        var updated = update.apply(item("a", n("1"), "b", n("2")));

        // then
        assertThat(updated).containsEntry("a", n("2")).containsEntry("b", n("1"));
    }

    @Test
    void removesAttributesNestedKeysAndListElements() {
        // given
        var stored = item("a", n("1"), "m", m("x", n("1"), "y", n("2")), "l", l(s("0"), s("1"), s("2"), s("3")));

        // when
        var updated = apply("REMOVE a, m.x, l[1], l[3], absent, m.nope, l[9]", values(), stored);

        // then
        assertThat(updated).doesNotContainKey("a")
                .containsEntry("m", m("y", n("2")))
                .containsEntry("l", l(s("0"), s("2")));
    }

    @Test
    void addsToNumbersTreatingMissingAsZero() {
        // given
        var update = Expressions.update("ADD hits :five", values(":five", n("5")));

        // when / then
        assertThat(update.apply(Map.of())).containsEntry("hits", n("5"));
        assertThat(update.apply(item("hits", n("-2.5")))).containsEntry("hits", n("2.5"));
    }

    @Test
    void addsMembersToSets() {
        // given
        var update = Expressions.update("ADD tags :t, nums :n", values(":t", ss("b", "c"), ":n", ns("2")));

        // when
        var updated = update.apply(item("tags", ss("a", "b")));

        // then
        assertThat(updated).containsEntry("tags", ss("a", "b", "c")).containsEntry("nums", ns("2"));
    }

    @Test
    void rejectsAddWithMismatchedTypes() {
        // given
        var update = Expressions.update("ADD tags :t", values(":t", ss("b")));

        // when / then
        assertValidation(() -> update.apply(item("tags", ns("1"))),
                "An operand in the update expression has an incorrect data type");
        assertValidation(() -> Expressions.update("ADD a :s", values(":s", s("x"))),
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
    }

    @Test
    void deletesSetMembersAndRemovesEmptiedSets() {
        // given
        var update = Expressions.update("DELETE tags :t, nums :n", values(":t", ss("a"), ":n", ns("1", "2")));

        // when
        var updated = update.apply(item("tags", ss("a", "b"), "nums", ns("1", "2")));

        // then
        assertThat(updated).containsEntry("tags", ss("b")).doesNotContainKey("nums");
        assertThat(update.apply(Map.of())).isEmpty();
    }

    @Test
    void rejectsDeleteWithNonSetOrMismatchedSet() {
        // given
        var update = Expressions.update("DELETE tags :t", values(":t", ss("a")));

        // when / then
        assertValidation(() -> update.apply(item("tags", s("a"))),
                "An operand in the update expression has an incorrect data type");
        assertValidation(() -> Expressions.update("DELETE a :n", values(":n", n("1"))),
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER");
    }

    @Test
    void combinesClausesInAnyOrderAndCase() {
        // given
        var ctx = values(":v", s("x"), ":one", n("1"), ":t", ss("a"));

        // when
        var updated = apply("remove gone add n :one set a = :v delete tags :t", ctx,
                item("gone", n("0"), "tags", ss("a", "b")));

        // then
        assertThat(updated).containsExactlyInAnyOrderEntriesOf(Map.of("a", s("x"), "n", n("1"), "tags", ss("b")));
    }

    @Test
    void rejectsRepeatedClause() {
        assertValidation(() -> Expressions.update("SET a = :v SET b = :v", values(":v", n("1"))),
                "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
    }

    @Test
    void rejectsOverlappingPaths() {
        // given
        var ctx = values(":v", n("1"));

        // when / then
        assertValidation(() -> Expressions.update("SET a = :v REMOVE a", ctx),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]");
        assertValidation(() -> Expressions.update("SET a.b = :v, a = :v", ctx),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]");
        assertValidation(() -> Expressions.update("SET a[0] = :v, a.b = :v", ctx),
                "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]");
    }

    @Test
    void allowsReadingAPathItWrites() {
        // given
        var update = Expressions.update("SET a = a + :v, b.c = :v", values(":v", n("1")));

        // when
        var updated = update.apply(item("a", n("1"), "b", m()));

        // then
        assertThat(updated).containsEntry("a", n("2")).containsEntry("b", m("c", n("1")));
    }

    @Test
    void reportsTopLevelAttributesItWrites() {
        // when
        var update = Expressions.update("SET a.b = :v, #k = :v REMOVE c[0] ADD d :v", ctx(Map.of("#k", "pk"), ":v", n("1")));

        // then
        assertThat(update.topLevelAttributes()).containsExactlyInAnyOrder("a", "pk", "c", "d");
    }

    @Test
    void rejectsFunctionsThatBelongToConditions() {
        assertValidation(() -> Expressions.update("SET a = size(b)", values()),
                "Invalid UpdateExpression: The function is not allowed in an update expression; function: size");
        assertValidation(() -> Expressions.update("SET a = attribute_exists(b)", values()),
                "Invalid UpdateExpression: The function is not allowed in an update expression; function: attribute_exists");
    }

    @Test
    void rejectsSyntaxErrorsAndReservedWords() {
        // given
        var ctx = values(":v", n("1"));

        // when / then
        assertValidationContaining(() -> Expressions.update("SET a :v", ctx), "Invalid UpdateExpression: Syntax error; token: \":v\"");
        assertValidationContaining(() -> Expressions.update("UPSERT a = :v", ctx), "Syntax error; token: \"UPSERT\"");
        assertValidationContaining(() -> Expressions.update("ADD a b", ctx), "Syntax error; token: \"b\"");
        assertValidation(() -> Expressions.update("SET data = :v", ctx),
                "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: data");
    }
}
