package dev.rushgate.dynamodb.expr;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.rushgate.dynamodb.expr.TestValues.assertValidation;
import static dev.rushgate.dynamodb.expr.TestValues.ctx;
import static dev.rushgate.dynamodb.expr.TestValues.item;
import static dev.rushgate.dynamodb.expr.TestValues.l;
import static dev.rushgate.dynamodb.expr.TestValues.m;
import static dev.rushgate.dynamodb.expr.TestValues.n;
import static dev.rushgate.dynamodb.expr.TestValues.s;
import static dev.rushgate.dynamodb.expr.TestValues.values;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectionExpressionTest {

    private static final Map<String, dev.rushgate.dynamodb.value.Value> ITEM = item(
            "pk", s("1"),
            "a", m("b", n("1"), "c", n("2")),
            "l", l(s("x"), s("y"), m("z", s("deep"), "w", s("other"))),
            "status", s("on"));

    @Test
    void keepsOnlyNamedTopLevelAttributes() {
        // when
        var projected = Expressions.projection("pk, #s", ctx(Map.of("#s", "status"))).apply(ITEM);

        // then
        assertThat(projected).containsExactlyInAnyOrderEntriesOf(Map.of("pk", s("1"), "status", s("on")));
    }

    @Test
    void keepsNestingForMapKeys() {
        // when
        var projected = Expressions.projection("a.c", values()).apply(ITEM);

        // then
        assertThat(projected).containsExactly(Map.entry("a", m("c", n("2"))));
    }

    @Test
    void compactsProjectedListElementsInIndexOrder() {
        // when
        var projected = Expressions.projection("l[2].z, l[0], l[7]", values()).apply(ITEM);

        // then
        assertThat(projected).containsExactly(Map.entry("l", l(s("x"), m("z", s("deep")))));
    }

    @Test
    void leavesOutMissingPaths() {
        // when
        var projected = Expressions.projection("nope, a.nope, pk.x, l[1].y", values()).apply(ITEM);

        // then
        assertThat(projected).isEmpty();
    }

    @Test
    void rejectsOverlappingPaths() {
        assertValidation(() -> Expressions.projection("a, a.b", values()),
                "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
    }

    @Test
    void rejectsReservedWordsAndSyntaxErrors() {
        assertValidation(() -> Expressions.projection("pk, name", values()),
                "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name");
        assertValidation(() -> Expressions.projection("pk,", values()),
                "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
        assertValidation(() -> Expressions.projection("l[x]", values()),
                "Invalid ProjectionExpression: Syntax error; token: \"x\", near: \"[x]\"");
    }
}
