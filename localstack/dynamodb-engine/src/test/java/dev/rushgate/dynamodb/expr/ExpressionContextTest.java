package dev.rushgate.dynamodb.expr;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.rushgate.dynamodb.expr.TestValues.assertValidation;
import static dev.rushgate.dynamodb.expr.TestValues.ctx;
import static dev.rushgate.dynamodb.expr.TestValues.n;
import static org.assertj.core.api.Assertions.assertThatCode;

class ExpressionContextTest {

    @Test
    void acceptsPlaceholdersUsedAcrossSeveralExpressions() {
        // given
        var ctx = ctx(Map.of("#a", "a", "#b", "b"), ":one", n("1"), ":two", n("2"));

        // when
        Expressions.condition("#a = :one", ctx);
        Expressions.update("SET #b = :two", ctx);

        // then
        assertThatCode(ctx::checkAllUsed).doesNotThrowAnyException();
    }

    @Test
    void rejectsUnusedValues() {
        // given
        var ctx = ctx(Map.of(), ":b", n("1"), ":used", n("1"), ":a", n("2"));
        Expressions.condition("x = :used", ctx);

        // when / then
        assertValidation(ctx::checkAllUsed, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:a, :b}");
    }

    @Test
    void rejectsUnusedNames() {
        // given
        var ctx = ctx(Map.of("#a", "a", "#used", "u"));
        Expressions.projection("#used", ctx);

        // when / then
        assertValidation(ctx::checkAllUsed, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}");
    }
}
