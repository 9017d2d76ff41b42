package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static dev.rushgate.dynamodb.expr.TestValues.assertValidation;
import static dev.rushgate.dynamodb.expr.TestValues.assertValidationContaining;
import static dev.rushgate.dynamodb.expr.TestValues.b;
import static dev.rushgate.dynamodb.expr.TestValues.bs;
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

class ConditionExpressionTest {

    private static boolean test(String expression, ExpressionContext ctx, Map<String, Value> item) {
        return Expressions.condition(expression, ctx).test(item);
    }

    @ParameterizedTest(name = "{0} with a = 5 is {1}")
    @CsvSource({
            "a = :five, true", "a = :six, false",
            "a <> :five, false", "a <> :six, true",
            "a < :six, true", "a < :five, false",
            "a <= :five, true", "a <= :four, false",
            "a > :four, true", "a > :five, false",
            "a >= :five, true", "a >= :six, false"})
    void comparesNumbers(String expression, boolean expected) {
        // given
        var ctx = values(":four", n("4"), ":five", n("5"), ":six", n("6"));

        // when
        boolean result = test(expression, ctx, item("a", n("5")));

        // then
        assertThat(result).isEqualTo(expected);
    }

    @Test
    void comparesNumbersByValueNotByText() {
        // given
        var ctx = values(":v", n("1.1"), ":big", n("1E+2"));

        // when / then
        assertThat(test("a = :v", ctx, item("a", n("1.10")))).isTrue();
        assertThat(test("a = :big", ctx, item("a", n("100")))).isTrue();
        assertThat(test("a < :big", ctx, item("a", n("99.999")))).isTrue();
    }

    @Test
    void ordersStringsByUtf8BytesNotUtf16Units() {
        // given: U+FFFF is three UTF-8 bytes (EF BF BF), an emoji four (F0 ...), so the emoji sorts after it,
        // although its UTF-16 high surrogate (D83D) sorts before FFFF in Java's compareTo.
        var ctx = values(":emoji", s("\uD83D\uDE00"));

        // when
        boolean result = test("a < :emoji", ctx, item("a", s("\uFFFF")));

        // then
        assertThat("\uFFFF".compareTo("\uD83D\uDE00")).isPositive();
        assertThat(result).isTrue();
    }

    @Test
    void ordersBinaryAsUnsignedBytes() {
        // given
        var ctx = values(":high", b(0x80));

        // when / then
        assertThat(test("a < :high", ctx, item("a", b(0x7f)))).isTrue();
        assertThat(test("a > :high", ctx, item("a", b(0x7f)))).isFalse();
    }

    @Test
    void treatsComparisonsAcrossTypesAsFalseExceptNotEqual() {
        // given
        var ctx = values(":text", s("6"));
        var itemWithNumber = item("a", n("6"));

        // when / then
        assertThat(test("a = :text", ctx, itemWithNumber)).isFalse();
        assertThat(test("a < :text", ctx, itemWithNumber)).isFalse();
        assertThat(test("a >= :text", ctx, itemWithNumber)).isFalse();
        assertThat(test("a <> :text", ctx, itemWithNumber)).isTrue();
    }

    @Test
    void treatsComparisonsWithMissingAttributeAsFalse() {
        // given
        var ctx = values(":v", n("1"));

        // when / then
        assertThat(test("a = :v", ctx, Map.of())).isFalse();
        assertThat(test("a <> :v", ctx, Map.of())).isFalse();
        assertThat(test("NOT a = :v", ctx, Map.of())).isTrue();
    }

    @Test
    void doesNotOrderBooleansListsOrMaps() {
        // given
        var ctx = values(":t", Value.Bool.TRUE, ":l", l(n("1")));

        // when / then
        assertThat(test("a <= :t", ctx, item("a", Value.Bool.TRUE))).isFalse();
        assertThat(test("b >= :l", ctx, item("b", l(n("1"))))).isFalse();
        assertThat(test("a = :t AND b = :l", ctx, item("a", Value.Bool.TRUE, "b", l(n("1"))))).isTrue();
    }

    @Test
    void comparesSetsAndMapsDeeplyIgnoringOrder() {
        // given
        var stored = item("set", ss("x", "y"), "map", m("j", s("v"), "k", n("2.00")), "nums", ns("2", "1"));

        // when
        boolean result = test("#s = :set AND #m = :map AND nums = :nums", ctx(Map.of("#s", "set", "#m", "map"),
                ":set", ss("y", "x"), ":map", m("k", n("2"), "j", s("v")), ":nums", ns("1.0", "2")), stored);

        // then
        assertThat(result).isTrue();
    }

    @Test
    void evaluatesBetweenInclusively() {
        // given
        var ctx = values(":lo", n("1"), ":hi", n("3"));

        // when / then
        assertThat(test("a BETWEEN :lo AND :hi", ctx, item("a", n("1")))).isTrue();
        assertThat(test("a BETWEEN :lo AND :hi", ctx, item("a", n("3")))).isTrue();
        assertThat(test("a between :lo and :hi", ctx, item("a", n("3.5")))).isFalse();
        assertThat(test("a BETWEEN :lo AND :hi", ctx, item("a", s("2")))).isFalse();
    }

    @Test
    void rejectsBetweenWhoseLiteralBoundsAreReversed() {
        // given
        var ctx = values(":lo", n("5"), ":hi", n("1"));

        // when / then
        assertValidation(() -> Expressions.condition("a BETWEEN :lo AND :hi", ctx),
                "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + "lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}");
    }

    @Test
    void rejectsBetweenWhoseLiteralBoundsDifferInType() {
        // given
        var ctx = values(":lo", n("5"), ":hi", s("x"));

        // when / then
        assertValidationContaining(() -> Expressions.condition("a BETWEEN :lo AND :hi", ctx),
                "The BETWEEN operator requires same data type for lower and upper bounds");
    }

    @Test
    void matchesInAgainstAnyCandidate() {
        // given
        var ctx = values(":a", s("x"), ":b", n("2"), ":c", l(s("z")));

        // when / then
        assertThat(test("v IN (:a, :b, :c)", ctx, item("v", n("2")))).isTrue();
        assertThat(test("v in (:a,:b,:c)", ctx, item("v", l(s("z"))))).isTrue();
        assertThat(test("v IN (:a, :b, :c)", ctx, item("v", s("y")))).isFalse();
        assertThat(test("v IN (:a, :b, :c)", ctx, Map.of())).isFalse();
    }

    @Test
    void rejectsInWithMoreThanOneHundredCandidates() {
        // given
        var valuesMap = new java.util.LinkedHashMap<String, Value>();
        var list = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            valuesMap.put(":v" + i, n(Integer.toString(i)));
            list.append(i == 0 ? "" : ",").append(":v").append(i);
        }
        var ctx = new ExpressionContext(Map.of(), valuesMap);

        // when / then
        assertValidation(() -> Expressions.condition("a IN (" + list + ")", ctx),
                "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101");
    }

    @Test
    void checksExistenceOfNestedPaths() {
        // given
        var stored = item("a", m("b", l(n("0"), m("c", Value.Null.NULL))));
        var ctx = values();

        // when / then
        assertThat(test("attribute_exists(a.b[1].c)", ctx, stored)).isTrue();
        assertThat(test("attribute_exists(a.b[2])", ctx, stored)).isFalse();
        assertThat(test("attribute_not_exists(a.b[1].d)", ctx, stored)).isTrue();
        assertThat(test("attribute_not_exists(a.b[0].c)", ctx, stored)).isTrue();
        assertThat(test("attribute_not_exists(a)", ctx, stored)).isFalse();
        assertThat(test("attribute_not_exists(pk)", ctx, Map.of())).isTrue();
    }

    @Test
    void matchesAttributeType() {
        // given
        var ctx = values(":ss", s("SS"), ":n", s("N"));

        // when / then
        assertThat(test("attribute_type(a, :ss)", ctx, item("a", ss("x")))).isTrue();
        assertThat(test("attribute_type(a, :n)", ctx, item("a", ss("x")))).isFalse();
        assertThat(test("attribute_type(a, :n)", ctx, Map.of())).isFalse();
    }

    @Test
    void rejectsUnknownAttributeTypeName() {
        // given
        var ctx = values(":t", s("STRING"));

        // when / then
        assertValidation(() -> Expressions.condition("attribute_type(a, :t)", ctx),
                "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }");
    }

    @Test
    void matchesBeginsWithOnStringsAndBinaries() {
        // given
        var ctx = values(":p", s("ab"), ":bp", b(1, 2));

        // when / then
        assertThat(test("begins_with(a, :p)", ctx, item("a", s("abc")))).isTrue();
        assertThat(test("begins_with(a, :p)", ctx, item("a", s("xabc")))).isFalse();
        assertThat(test("begins_with(a, :p)", ctx, item("a", ss("abc")))).isFalse();
        assertThat(test("begins_with(a, :bp)", ctx, item("a", b(1, 2, 3)))).isTrue();
        assertThat(test("begins_with(a, :bp)", ctx, item("a", b(1)))).isFalse();
    }

    @Test
    void rejectsBeginsWithNumberPrefix() {
        // given
        var ctx = values(":p", n("1"));

        // when / then
        assertValidation(() -> Expressions.condition("begins_with(a, :p)", ctx),
                "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
    }

    @Test
    void matchesContainsOnStringsSetsAndLists() {
        // given
        var ctx = values(":s", s("bc"), ":n", n("2.0"), ":b", b(9), ":m", m("k", s("v")));

        // when / then
        assertThat(test("contains(a, :s)", ctx, item("a", s("abcd")))).isTrue();
        assertThat(test("contains(a, :s)", ctx, item("a", ss("abcd")))).isFalse();
        assertThat(test("contains(a, :s)", ctx, item("a", ss("x", "bc")))).isTrue();
        assertThat(test("contains(a, :n)", ctx, item("a", ns("1", "2")))).isTrue();
        assertThat(test("contains(a, :n)", ctx, item("a", ss("2")))).isFalse();
        assertThat(test("contains(a, :b)", ctx, item("a", bs((Value.B) b(9), (Value.B) b(8))))).isTrue();
        assertThat(test("contains(a, :m)", ctx, item("a", l(s("x"), m("k", s("v")))))).isTrue();
        assertThat(test("contains(a, :s)", ctx, item("a", l(s("abcd"))))).isFalse();
        assertThat(test("contains(a, :s)", ctx, Map.of())).isFalse();
    }

    @Test
    void measuresSizeOfEachType() {
        // given
        var ctx = values(":three", n("3"), ":four", n("4"));

        // when / then
        assertThat(test("size(a) = :three", ctx, item("a", s("abc")))).isTrue();
        assertThat(test("size(a) = :four", ctx, item("a", s("\uD83D\uDE00")))).isTrue();
        assertThat(test("size(a) = :three", ctx, item("a", s("\u20AC")))).isTrue();
        assertThat(test("size(a) = :three", ctx, item("a", b(1, 2, 3)))).isTrue();
        assertThat(test("size(a) = :three", ctx, item("a", l(n("1"), n("2"), n("3"))))).isTrue();
        assertThat(test("size(a) = :three", ctx, item("a", m("x", n("1"), "y", n("2"), "z", n("3"))))).isTrue();
        assertThat(test("size(a) = :three", ctx, item("a", ns("1", "2", "3")))).isTrue();
        assertThat(test("size(a) < :four", ctx, item("a", n("1")))).isFalse();
        assertThat(test("size(a) < :four", ctx, Map.of())).isFalse();
        assertThat(test(":four > size(a)", ctx, item("a", s("abc")))).isTrue();
    }

    @Test
    void bindsAndTighterThanOr() {
        // given: true OR (false AND false) is true; (true OR false) AND false would be false
        var ctx = values(":one", n("1"));
        var stored = item("a", n("1"));

        // when
        boolean result = test("a = :one OR b = :one AND c = :one", ctx, stored);

        // then
        assertThat(result).isTrue();
    }

    @Test
    void appliesParenthesesBeforeAnd() {
        // given
        var ctx = values(":one", n("1"));
        var stored = item("a", n("1"));

        // when
        boolean result = test("(a = :one OR b = :one) AND c = :one", ctx, stored);

        // then
        assertThat(result).isFalse();
    }

    @Test
    void bindsNotTighterThanAnd() {
        // given: (NOT a = 1) AND b = 1 is false here; NOT (a = 1 AND b = 1) would be true
        var ctx = values(":one", n("1"));
        var stored = item("a", n("2"));

        // when
        boolean result = test("NOT a = :one AND b = :one", ctx, stored);

        // then
        assertThat(result).isFalse();
        assertThat(test("NOT (a = :one AND b = :one)", ctx, stored)).isTrue();
        assertThat(test("not not a = :one", ctx, stored)).isFalse();
    }

    @Test
    void resolvesPlaceholdersInNestedPaths() {
        // given
        var ctx = ctx(Map.of("#s", "status", "#k", "key"), ":v", s("on"));
        var stored = item("status", l(m("key", s("on"))));

        // when
        boolean result = test("#s[0].#k = :v", ctx, stored);

        // then
        assertThat(result).isTrue();
    }

    @Test
    void treatsDotInsideExpressionAttributeNameAsPartOfTheName() {
        // given
        var ctx = ctx(Map.of("#d", "a.b"), ":v", n("1"));

        // when / then
        assertThat(test("#d = :v", ctx, item("a.b", n("1")))).isTrue();
        assertThat(test("#d = :v", ctx, item("a", m("b", n("1"))))).isFalse();
    }

    @Test
    void rejectsReservedWordAsPlainName() {
        // given
        var ctx = values(":v", s("on"));

        // when / then
        assertValidation(() -> Expressions.condition("status = :v", ctx),
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
        assertValidation(() -> Expressions.condition("a.Name = :v", ctx),
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Name");
    }

    @Test
    void namesFilterExpressionInItsErrors() {
        // given
        var ctx = values(":v", s("on"));

        // when / then
        assertValidation(() -> Expressions.filter("ttl = :v", ctx),
                "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: ttl");
    }

    @Test
    void rejectsUndefinedPlaceholders() {
        // given
        var ctx = values(":v", s("on"));

        // when / then
        assertValidation(() -> Expressions.condition("#x = :v", ctx),
                "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x");
        assertValidation(() -> Expressions.condition("a = :w", ctx),
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w");
    }

    @Test
    void rejectsSyntaxErrorsNamingTheToken() {
        // given
        var ctx = values(":v", s("on"));

        // when / then
        assertValidation(() -> Expressions.condition("a = = :v", ctx),
                "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\"");
        assertValidation(() -> Expressions.condition("a =", ctx),
                "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
        assertValidationContaining(() -> Expressions.condition("a = :v AND", ctx), "Syntax error; token: \"<EOF>\"");
        assertValidationContaining(() -> Expressions.condition("(a = :v", ctx), "Syntax error; token: \"<EOF>\"");
        assertValidationContaining(() -> Expressions.condition("a ! :v", ctx), "Syntax error; token: \"!\"");
        assertValidationContaining(() -> Expressions.condition("a", ctx), "Syntax error; token: \"<EOF>\"");
    }

    @Test
    void rejectsEmptyExpression() {
        assertValidation(() -> Expressions.condition("  ", values()),
                "Invalid ConditionExpression: The expression can not be empty;");
    }

    @Test
    void treatsFunctionNamesAsCaseSensitive() {
        assertValidation(() -> Expressions.condition("ATTRIBUTE_EXISTS(a)", values()),
                "Invalid ConditionExpression: Invalid function name; function: ATTRIBUTE_EXISTS");
    }

    @Test
    void rejectsMisusedFunctions() {
        // given
        var ctx = values(":v", n("1"), ":l", l(n("1")));

        // when / then
        assertValidation(() -> Expressions.condition("attribute_exists(a, b)", ctx),
                "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2");
        assertValidation(() -> Expressions.condition("attribute_exists(:v)", ctx),
                "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists");
        assertValidation(() -> Expressions.condition("size(a)", ctx),
                "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size");
        assertValidation(() -> Expressions.condition("a = contains(b, :v)", ctx),
                "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: contains");
        assertValidation(() -> Expressions.condition("a = list_append(a, :l)", ctx),
                "Invalid ConditionExpression: The function is not allowed in a condition expression; function: list_append");
        assertValidation(() -> Expressions.condition("frobnicate(a)", ctx),
                "Invalid ConditionExpression: Invalid function name; function: frobnicate");
    }

    @Test
    void acceptsKeywordsInAnyCase() {
        // given
        var ctx = values(":one", n("1"), ":two", n("2"));

        // when
        boolean result = test("a between :one and :two Or not b In (:one)", ctx, item("a", n("5"), "b", n("2")));

        // then
        assertThat(result).isTrue();
    }

    @Test
    void readsNestedListElementsAndMapKeys() {
        // given
        var ctx = values(":v", s("deep"));
        var stored = item("l", l(l(n("0"), m("x", s("deep")))));

        // when / then
        assertThat(test("l[0][1].x = :v", ctx, stored)).isTrue();
        assertThat(test("l[0][5].x = :v", ctx, stored)).isFalse();
        assertThat(test("l.x = :v", ctx, stored)).isFalse();
    }
}
