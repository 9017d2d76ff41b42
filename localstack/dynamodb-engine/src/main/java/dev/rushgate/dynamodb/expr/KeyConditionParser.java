package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.expr.Lexer.Token;
import dev.rushgate.dynamodb.expr.Lexer.Type;
import dev.rushgate.dynamodb.value.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * KeyConditionExpression's narrow grammar: one or two key conditions joined by AND, each on a top-level attribute,
 * optionally parenthesised. Which one is the partition key is decided by shape: the partition key takes {@code =}.
 */
final class KeyConditionParser {
    private final Parser parser;
    private final ExpressionKind kind;

    private record Term(String name, SortOp op, List<Value> values) {}

    private KeyConditionParser(Parser parser) {
        this.parser = parser;
        this.kind = parser.kind();
    }

    static KeyCondition parse(Parser parser) {
        return new KeyConditionParser(parser).keyCondition();
    }

    private KeyCondition keyCondition() {
        var terms = new ArrayList<Term>();
        terms.add(group());
        while (parser.peek().isKeyword("AND")) {
            parser.next();
            terms.add(group());
        }
        Token end = parser.peek();
        if (end.isKeyword("OR")) throw invalidOperator("OR");
        if (!end.is(Type.EOF)) throw parser.syntaxError(end);
        if (terms.size() > 2) throw unsupported();
        if (terms.size() == 2 && terms.get(0).name().equals(terms.get(1).name())) {
            throw kind.invalid("KeyConditionExpressions must only contain one condition per key");
        }
        Term partition;
        Term sort = null;
        if (terms.size() == 1) {
            partition = terms.getFirst();
            if (partition.op() != SortOp.EQ) throw unsupported();
        } else if (terms.get(0).op() == SortOp.EQ) {
            partition = terms.get(0);
            sort = terms.get(1);
        } else if (terms.get(1).op() == SortOp.EQ) {
            partition = terms.get(1);
            sort = terms.get(0);
        } else {
            throw unsupported();
        }
        return sort == null
                ? new KeyCondition(partition.name(), partition.values().getFirst(), null, null, List.of())
                : new KeyCondition(partition.name(), partition.values().getFirst(), sort.name(), sort.op(), sort.values());
    }

    /** Parentheses may wrap a term, or the whole AND: {@code (pk = :p AND sk > :s)}. */
    private Term group() {
        if (parser.peek().is(Type.LPAREN)) {
            parser.next();
            Term term = group();
            if (parser.peek().isKeyword("AND")) throw parser.syntaxError(parser.peek());
            parser.expect(Type.RPAREN);
            return term;
        }
        return term();
    }

    private Term term() {
        Token token = parser.peek();
        if (token.isKeyword("NOT")) throw invalidOperator("NOT");
        if (token.is(Type.IDENT) && parser.peekAhead(1).is(Type.LPAREN)) return function();
        String name = keyName();
        Token operator = parser.next();
        SortOp op = switch (operator.type()) {
            case EQ -> SortOp.EQ;
            case LT -> SortOp.LT;
            case LE -> SortOp.LE;
            case GT -> SortOp.GT;
            case GE -> SortOp.GE;
            case NE -> throw invalidOperator("<>");
            default -> {
                if (operator.isKeyword("BETWEEN")) yield SortOp.BETWEEN;
                if (operator.isKeyword("IN")) throw invalidOperator("IN");
                throw parser.syntaxError(operator);
            }
        };
        if (op != SortOp.BETWEEN) return new Term(name, op, List.of(value()));
        Value lower = value();
        parser.expectKeyword("AND");
        Value upper = value();
        checkBounds(lower, upper);
        return new Term(name, op, List.of(lower, upper));
    }

    private Term function() {
        String name = parser.next().text();
        if (!name.equals("begins_with")) {
            if (name.equals("attribute_exists") || name.equals("attribute_not_exists") || name.equals("attribute_type")
                    || name.equals("contains") || name.equals("size")) {
                throw invalidOperator(name);
            }
            throw kind.invalid("Invalid function name; function: " + name);
        }
        parser.expect(Type.LPAREN);
        String key = keyName();
        parser.expect(Type.COMMA);
        Value prefix = value();
        parser.expect(Type.RPAREN);
        if (!(prefix instanceof Value.S) && !(prefix instanceof Value.B)) throw parser.incorrectOperandType("begins_with", prefix);
        return new Term(key, SortOp.BEGINS_WITH, List.of(prefix));
    }

    private String keyName() {
        Path path = parser.path();
        if (path.size() > 1) throw kind.invalid("KeyConditionExpressions cannot have conditions on nested attributes");
        return path.attribute();
    }

    private Value value() {
        Token token = parser.next();
        if (!token.is(Type.VALUE_REF)) throw parser.syntaxError(token);
        return parser.context().value(token.text(), kind);
    }

    private void checkBounds(Value lower, Value upper) {
        int c = Values.compare(lower, upper);
        if (lower.type().equals(upper.type()) && c != Values.INCOMPARABLE && c > 0) {
            throw kind.invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: "
                    + Values.describe(lower) + ", upper bound operand: AttributeValue: " + Values.describe(upper));
        }
    }

    private DynamoException invalidOperator(String operator) {
        return DynamoException.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static DynamoException unsupported() {
        return DynamoException.validation("Query key condition not supported");
    }
}
