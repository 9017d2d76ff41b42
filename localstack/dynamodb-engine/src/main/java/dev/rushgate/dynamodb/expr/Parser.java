package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.expr.ConditionNode.Comparator;
import dev.rushgate.dynamodb.expr.Lexer.Token;
import dev.rushgate.dynamodb.expr.Lexer.Type;
import dev.rushgate.dynamodb.value.Value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over DynamoDB's expression grammars. One parser reads one expression; placeholders are resolved
 * while parsing, so the trees it builds hold plain names and values and evaluation never looks anything up.
 *
 * <p>Condition precedence, loosest first: OR, AND, NOT, then a comparison, BETWEEN, IN or function call, with
 * parentheses grouping conditions.
 */
final class Parser {
    /** DynamoDB's limit on the text of one expression, in UTF-8 bytes. */
    private static final int MAX_EXPRESSION_BYTES = 4096;
    /** DynamoDB's limit on a document path's nesting. */
    private static final int MAX_PATH_DEPTH = 32;
    private static final int MAX_IN_OPERANDS = 100;
    private static final Set<String> ATTRIBUTE_TYPES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");

    private final String text;
    private final ExpressionKind kind;
    private final ExpressionContext context;
    private final List<Token> tokens;
    private int pos;

    Parser(String text, ExpressionKind kind, ExpressionContext context) {
        this.kind = kind;
        this.context = context;
        if (text == null || text.isBlank()) throw kind.invalid("The expression can not be empty;");
        this.text = text;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_EXPRESSION_BYTES) {
            throw kind.invalid("Expression size has exceeded the maximum allowed size; expression size: " + bytes);
        }
        this.tokens = Lexer.tokenize(text, kind);
    }

    // ---- conditions -------------------------------------------------------------------------------------------

    ConditionNode condition() {
        ConditionNode condition = or();
        expect(Type.EOF);
        return condition;
    }

    private ConditionNode or() {
        ConditionNode left = and();
        while (peek().isKeyword("OR")) {
            pos++;
            left = new ConditionNode.Or(left, and());
        }
        return left;
    }

    private ConditionNode and() {
        ConditionNode left = not();
        while (peek().isKeyword("AND")) {
            pos++;
            left = new ConditionNode.And(left, not());
        }
        return left;
    }

    private ConditionNode not() {
        if (peek().isKeyword("NOT")) {
            pos++;
            return new ConditionNode.Not(not());
        }
        return primary();
    }

    private ConditionNode primary() {
        Token token = peek();
        if (token.is(Type.LPAREN)) {
            pos++;
            ConditionNode inner = or();
            expect(Type.RPAREN);
            return inner;
        }
        Operand left;
        if (isFunctionCall()) {
            Call call = call();
            ConditionNode function = conditionFunction(call);
            if (function != null) return function;
            left = operandFunction(call);
        } else {
            left = operand();
        }
        return comparison(left);
    }

    private ConditionNode comparison(Operand left) {
        Token token = peek();
        Comparator comparator = switch (token.type()) {
            case EQ -> Comparator.EQ;
            case NE -> Comparator.NE;
            case LT -> Comparator.LT;
            case LE -> Comparator.LE;
            case GT -> Comparator.GT;
            case GE -> Comparator.GE;
            default -> null;
        };
        if (comparator != null) {
            pos++;
            return new ConditionNode.Compare(comparator, left, operand());
        }
        if (token.isKeyword("BETWEEN")) {
            pos++;
            Operand lower = operand();
            expectKeyword("AND");
            Operand upper = operand();
            checkBetweenBounds(lower, upper);
            return new ConditionNode.Between(left, lower, upper);
        }
        if (token.isKeyword("IN")) {
            pos++;
            expect(Type.LPAREN);
            var candidates = new ArrayList<Operand>();
            do {
                candidates.add(operand());
            } while (accept(Type.COMMA));
            expect(Type.RPAREN);
            if (candidates.size() > MAX_IN_OPERANDS) {
                throw kind.invalid("The IN operator is provided with too many operands; number of operands: " + candidates.size());
            }
            return new ConditionNode.In(left, List.copyOf(candidates));
        }
        if (left instanceof Operand.Size) throw misusedFunction("size");
        throw syntaxError(token);
    }

    /** DynamoDB rejects literal bounds it can already see are empty or of two types. */
    private void checkBetweenBounds(Operand lower, Operand upper) {
        if (!(lower instanceof Operand.Literal lo) || !(upper instanceof Operand.Literal hi)) return;
        String bounds = "; lower bound operand: AttributeValue: " + Values.describe(lo.value())
                + ", upper bound operand: AttributeValue: " + Values.describe(hi.value());
        if (!lo.value().type().equals(hi.value().type())) {
            throw kind.invalid("The BETWEEN operator requires same data type for lower and upper bounds" + bounds);
        }
        int c = Values.compare(lo.value(), hi.value());
        if (c != Values.INCOMPARABLE && c > 0) {
            throw kind.invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound" + bounds);
        }
    }

    /** The condition a boolean function builds, or null when {@code call} is a function that yields an operand. */
    private ConditionNode conditionFunction(Call call) {
        return switch (call.name()) {
            case "attribute_exists" -> new ConditionNode.Exists(pathArgument(call, 1));
            case "attribute_not_exists" -> new ConditionNode.NotExists(pathArgument(call, 1));
            case "attribute_type" -> {
                Path path = pathArgument(call, 2);
                yield new ConditionNode.AttributeType(path, attributeType(call.arguments().get(1)));
            }
            case "begins_with" -> {
                arity(call, 2);
                Operand prefix = call.arguments().get(1);
                if (prefix instanceof Operand.Literal literal
                        && !(literal.value() instanceof Value.S || literal.value() instanceof Value.B)) {
                    throw incorrectOperandType("begins_with", literal.value());
                }
                yield new ConditionNode.BeginsWith(call.arguments().get(0), prefix);
            }
            case "contains" -> {
                arity(call, 2);
                yield new ConditionNode.Contains(call.arguments().get(0), call.arguments().get(1));
            }
            default -> null;
        };
    }

    private String attributeType(Operand operand) {
        if (!(operand instanceof Operand.Literal literal)) throw incorrectOperandTypeName("attribute_type", "PATH");
        if (!(literal.value() instanceof Value.S s)) throw incorrectOperandType("attribute_type", literal.value());
        if (!ATTRIBUTE_TYPES.contains(s.value())) {
            throw kind.invalid("Invalid attribute type name found; type: " + s.value()
                    + ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }");
        }
        return s.value();
    }

    // ---- operands ---------------------------------------------------------------------------------------------

    /** A path, a value placeholder, or a function that yields a value (which ones depends on the expression kind). */
    Operand operand() {
        Token token = peek();
        if (token.is(Type.VALUE_REF)) {
            pos++;
            return new Operand.Literal(context.value(token.text(), kind), token.text());
        }
        if (isFunctionCall()) {
            Call call = call();
            if (isConditionFunction(call.name())) {
                if (kind == ExpressionKind.UPDATE) throw notAllowed("update", call.name());
                throw misusedFunction(call.name());
            }
            return operandFunction(call);
        }
        if (token.is(Type.IDENT) || token.is(Type.NAME_REF)) return new Operand.PathOperand(path());
        throw syntaxError(token);
    }

    private Operand operandFunction(Call call) {
        boolean update = kind == ExpressionKind.UPDATE;
        switch (call.name()) {
            case "size" -> {
                if (update) throw notAllowed("update", "size");
                arity(call, 1);
                return new Operand.Size(call.arguments().getFirst());
            }
            case "if_not_exists" -> {
                if (!update) throw notAllowed("condition", "if_not_exists");
                Path path = pathArgument(call, 2);
                return new Operand.IfNotExists(path, call.arguments().get(1));
            }
            case "list_append" -> {
                if (!update) throw notAllowed("condition", "list_append");
                arity(call, 2);
                for (Operand argument : call.arguments()) {
                    if (argument instanceof Operand.Literal literal && !(literal.value() instanceof Value.L)) {
                        throw incorrectOperandType("list_append", literal.value());
                    }
                }
                return new Operand.ListAppend(call.arguments().get(0), call.arguments().get(1));
            }
            default -> {
                if (isConditionFunction(call.name())) throw misusedFunction(call.name());
                throw kind.invalid("Invalid function name; function: " + call.name());
            }
        }
    }

    private static boolean isConditionFunction(String name) {
        return switch (name) {
            case "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains" -> true;
            default -> false;
        };
    }

    private record Call(String name, List<Operand> arguments) {}

    private boolean isFunctionCall() {
        return peek().is(Type.IDENT) && tokens.get(pos + 1).is(Type.LPAREN);
    }

    private Call call() {
        String name = next().text();
        // Function names are case-sensitive in DynamoDB: SIZE(a) is an unknown function, not size(a).
        if (!isConditionFunction(name) && !name.equals("size") && !name.equals("if_not_exists") && !name.equals("list_append")) {
            throw kind.invalid("Invalid function name; function: " + name);
        }
        expect(Type.LPAREN);
        var arguments = new ArrayList<Operand>();
        do {
            arguments.add(operand());
        } while (accept(Type.COMMA));
        expect(Type.RPAREN);
        return new Call(name, List.copyOf(arguments));
    }

    private void arity(Call call, int expected) {
        if (call.arguments().size() != expected) {
            throw kind.invalid("Incorrect number of operands for operator or function; operator or function: "
                    + call.name() + ", number of operands: " + call.arguments().size());
        }
    }

    private Path pathArgument(Call call, int arity) {
        arity(call, arity);
        if (!(call.arguments().getFirst() instanceof Operand.PathOperand path)) {
            throw kind.invalid("Operator or function requires a document path; operator or function: " + call.name());
        }
        return path.path();
    }

    // ---- paths ------------------------------------------------------------------------------------------------

    Path path() {
        var elements = new ArrayList<Path.Element>();
        elements.add(new Path.Key(name(next())));
        while (true) {
            if (accept(Type.DOT)) {
                elements.add(new Path.Key(name(next())));
            } else if (accept(Type.LBRACKET)) {
                Token index = next();
                if (!index.is(Type.NUMBER)) throw syntaxError(index);
                elements.add(new Path.Index(listIndex(index.text())));
                expect(Type.RBRACKET);
            } else {
                break;
            }
        }
        if (elements.size() > MAX_PATH_DEPTH) {
            throw kind.invalid("The document path has too many nesting levels; nesting levels: " + elements.size());
        }
        return new Path(elements);
    }

    private int listIndex(String digits) {
        // Digits only, so the only failure is size.
        if (digits.length() > 9) throw kind.invalid("List index is not within the allowable range; index: [" + digits + "]");
        return Integer.parseInt(digits);
    }

    private String name(Token token) {
        if (token.is(Type.NAME_REF)) return context.name(token.text(), kind);
        if (!token.is(Type.IDENT)) throw syntaxError(token);
        if (ReservedWords.contains(token.text())) {
            throw kind.invalid("Attribute name is a reserved keyword; reserved keyword: " + token.text());
        }
        return token.text();
    }

    // ---- tokens and errors ------------------------------------------------------------------------------------

    Token peek() {
        return tokens.get(pos);
    }

    Token peekAhead(int distance) {
        return tokens.get(Math.min(pos + distance, tokens.size() - 1));
    }

    Token next() {
        Token token = tokens.get(pos);
        if (!token.is(Type.EOF)) pos++;
        return token;
    }

    boolean accept(Type type) {
        if (!peek().is(type)) return false;
        pos++;
        return true;
    }

    void expect(Type type) {
        if (!peek().is(type)) throw syntaxError(peek());
        pos++;
    }

    void expectKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) throw syntaxError(peek());
        pos++;
    }

    ExpressionKind kind() {
        return kind;
    }

    ExpressionContext context() {
        return context;
    }

    /** DynamoDB's wording; "near" is the offending token with its neighbours. */
    DynamoException syntaxError(Token token) {
        int index = tokens.indexOf(token);
        int from = index > 0 ? tokens.get(index - 1).start() : token.start();
        int to = index + 1 < tokens.size() ? tokens.get(index + 1).end() : token.end();
        return kind.invalid("Syntax error; token: \"" + token.text() + "\", near: \"" + text.substring(from, to) + "\"");
    }

    DynamoException incorrectOperandType(String function, Value value) {
        return incorrectOperandTypeName(function, value.type());
    }

    private DynamoException incorrectOperandTypeName(String function, String type) {
        return kind.invalid("Incorrect operand type for operator or function; operator or function: " + function + ", operand type: " + type);
    }

    private DynamoException misusedFunction(String function) {
        return kind.invalid("The function is not allowed to be used this way in an expression; function: " + function);
    }

    private DynamoException notAllowed(String where, String function) {
        return kind.invalid("The function is not allowed in a" + (where.equals("update") ? "n " : " ") + where
                + " expression; function: " + function);
    }
}
