package dev.rushgate.dynamodb.expr;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.rushgate.dynamodb.expr.TestValues.assertValidation;
import static dev.rushgate.dynamodb.expr.TestValues.ctx;
import static dev.rushgate.dynamodb.expr.TestValues.n;
import static dev.rushgate.dynamodb.expr.TestValues.s;
import static dev.rushgate.dynamodb.expr.TestValues.values;
import static org.assertj.core.api.Assertions.assertThat;

class KeyConditionExpressionTest {

    @Test
    void parsesPartitionKeyAlone() {
        // when
        var key = Expressions.keyCondition("pk = :p", values(":p", s("u1")));

        // then
        assertThat(key).isEqualTo(new KeyCondition("pk", s("u1"), null, null, List.of()));
    }

    @Test
    void parsesEachSortKeyOperator() {
        // given
        var ctx = values(":p", s("u1"), ":a", n("1"), ":b", n("2"));

        // when / then
        assertThat(Expressions.keyCondition("pk = :p AND sk < :a", ctx).op()).isEqualTo(SortOp.LT);
        assertThat(Expressions.keyCondition("pk = :p AND sk <= :a", ctx).op()).isEqualTo(SortOp.LE);
        assertThat(Expressions.keyCondition("pk = :p AND sk > :a", ctx).op()).isEqualTo(SortOp.GT);
        assertThat(Expressions.keyCondition("pk = :p AND sk >= :a", ctx).op()).isEqualTo(SortOp.GE);
        assertThat(Expressions.keyCondition("pk = :p and sk between :a and :b", ctx))
                .isEqualTo(new KeyCondition("pk", s("u1"), "sk", SortOp.BETWEEN, List.of(n("1"), n("2"))));
    }

    @Test
    void acceptsSortConditionFirstAndPlaceholders() {
        // when
        var key = Expressions.keyCondition("begins_with(#s, :pre) AND (#p = :p)",
                ctx(Map.of("#s", "date", "#p", "user"), ":p", s("u1"), ":pre", s("2024-")));

        // then
        assertThat(key).isEqualTo(new KeyCondition("user", s("u1"), "date", SortOp.BEGINS_WITH, List.of(s("2024-"))));
    }

    @Test
    void settlesTwoEqualitiesByTheSchema() {
        // given
        var key = Expressions.keyCondition("sk = :s AND pk = :p", values(":p", s("u1"), ":s", n("7")));

        // when
        var settled = key.forPartitionKey("pk");

        // then
        assertThat(key.partitionName()).isEqualTo("sk");
        assertThat(settled).isEqualTo(new KeyCondition("pk", s("u1"), "sk", SortOp.EQ, List.of(n("7"))));
    }

    @Test
    void rejectsOperatorsQueryDoesNotSupport() {
        // given
        var ctx = values(":p", s("u1"), ":a", n("1"));

        // when / then
        assertValidation(() -> Expressions.keyCondition("pk = :p OR sk = :a", ctx), "Invalid operator used in KeyConditionExpression: OR");
        assertValidation(() -> Expressions.keyCondition("pk = :p AND sk <> :a", ctx), "Invalid operator used in KeyConditionExpression: <>");
        assertValidation(() -> Expressions.keyCondition("pk = :p AND NOT sk = :a", ctx), "Invalid operator used in KeyConditionExpression: NOT");
        assertValidation(() -> Expressions.keyCondition("pk IN (:p)", ctx), "Invalid operator used in KeyConditionExpression: IN");
        assertValidation(() -> Expressions.keyCondition("pk = :p AND attribute_exists(sk)", ctx),
                "Invalid operator used in KeyConditionExpression: attribute_exists");
    }

    @Test
    void rejectsShapesWithoutOnePartitionEquality() {
        // given
        var ctx = values(":p", s("u1"), ":a", n("1"));

        // when / then
        assertValidation(() -> Expressions.keyCondition("sk > :a", ctx), "Query key condition not supported");
        assertValidation(() -> Expressions.keyCondition("pk > :p AND sk > :a", ctx), "Query key condition not supported");
        assertValidation(() -> Expressions.keyCondition("pk = :p AND sk = :a AND x = :a", ctx), "Query key condition not supported");
        assertValidation(() -> Expressions.keyCondition("pk = :p AND pk = :p", ctx),
                "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one condition per key");
        assertValidation(() -> Expressions.keyCondition("pk.x = :p", ctx),
                "Invalid KeyConditionExpression: KeyConditionExpressions cannot have conditions on nested attributes");
    }

    @Test
    void rejectsReversedBetweenBoundsAndReservedWords() {
        // given
        var ctx = values(":p", s("u1"), ":lo", s("b"), ":hi", s("a"));

        // when / then
        assertValidation(() -> Expressions.keyCondition("pk = :p AND sk BETWEEN :lo AND :hi", ctx),
                "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + "lower bound operand: AttributeValue: {S:b}, upper bound operand: AttributeValue: {S:a}");
        assertValidation(() -> Expressions.keyCondition("key = :p", ctx),
                "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: key");
    }
}
