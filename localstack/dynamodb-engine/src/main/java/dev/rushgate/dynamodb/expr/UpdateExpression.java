package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.expr.Lexer.Token;
import dev.rushgate.dynamodb.expr.Lexer.Type;
import dev.rushgate.dynamodb.value.Numbers;
import dev.rushgate.dynamodb.value.Value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A parsed UpdateExpression: its SET, REMOVE, ADD and DELETE actions, with paths known not to overlap. REMOVE paths
 * are kept in the order that applies them safely: for elements of one list, highest index first, so removing
 * {@code l[1]} does not shift {@code l[3]} before it is removed.
 */
record UpdateExpression(List<SetAction> sets, List<Path> removes, List<AddAction> adds, List<DeleteAction> deletes,
                        Set<String> topLevelAttributes) implements Update {

    record SetAction(Path path, Operand value) {}

    record AddAction(Path path, Value value) {}

    record DeleteAction(Path path, Value value) {}

    private static final Comparator<Path> REMOVAL_ORDER = (a, b) -> {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            Path.Element x = a.elements().get(i);
            Path.Element y = b.elements().get(i);
            if (x instanceof Path.Index ix && y instanceof Path.Index iy) {
                if (ix.index() != iy.index()) return Integer.compare(iy.index(), ix.index());
            } else if (x instanceof Path.Key kx && y instanceof Path.Key ky) {
                int c = kx.name().compareTo(ky.name());
                if (c != 0) return c;
            } else {
                return x instanceof Path.Key ? -1 : 1;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    static UpdateExpression parse(Parser parser) {
        var sets = new ArrayList<SetAction>();
        var removes = new ArrayList<Path>();
        var adds = new ArrayList<AddAction>();
        var deletes = new ArrayList<DeleteAction>();
        var seen = new LinkedHashSet<String>();
        while (!parser.peek().is(Type.EOF)) {
            Token clause = parser.next();
            String name = clause.is(Type.IDENT) ? clause.text().toUpperCase(Locale.ROOT) : "";
            switch (name) {
                case "SET", "REMOVE", "ADD", "DELETE" -> {
                    if (!seen.add(name)) {
                        throw parser.kind().invalid("The \"" + name + "\" section can only be used once in an update expression;");
                    }
                }
                default -> throw parser.syntaxError(clause);
            }
            do {
                switch (name) {
                    case "SET" -> sets.add(setAction(parser));
                    case "REMOVE" -> removes.add(parser.path());
                    case "ADD" -> adds.add(new AddAction(parser.path(), addOperand(parser)));
                    default -> deletes.add(new DeleteAction(parser.path(), deleteOperand(parser)));
                }
            } while (parser.accept(Type.COMMA));
        }
        var paths = new ArrayList<Path>();
        sets.forEach(a -> paths.add(a.path()));
        paths.addAll(removes);
        adds.forEach(a -> paths.add(a.path()));
        deletes.forEach(a -> paths.add(a.path()));
        Paths.checkDisjoint(paths, parser.kind());
        var topLevel = new LinkedHashSet<String>();
        paths.forEach(p -> topLevel.add(p.attribute()));
        removes.sort(REMOVAL_ORDER);
        return new UpdateExpression(List.copyOf(sets), List.copyOf(removes), List.copyOf(adds), List.copyOf(deletes),
                Collections.unmodifiableSet(topLevel));
    }

    private static SetAction setAction(Parser parser) {
        Path path = parser.path();
        parser.expect(Type.EQ);
        Operand left = parser.operand();
        Token sign = parser.peek();
        if (!sign.is(Type.PLUS) && !sign.is(Type.MINUS)) return new SetAction(path, left);
        parser.next();
        Operand right = parser.operand();
        for (Operand operand : List.of(left, right)) {
            if (operand instanceof Operand.Literal literal && !(literal.value() instanceof Value.N)) {
                throw parser.incorrectOperandType(sign.text(), literal.value());
            }
        }
        return new SetAction(path, new Operand.Arithmetic(sign.is(Type.PLUS), left, right));
    }

    private static Value addOperand(Parser parser) {
        Value value = literal(parser);
        if (!(value instanceof Value.N) && !Values.isSet(value)) throw clauseOperandType(parser, "ADD", value);
        return value;
    }

    private static Value deleteOperand(Parser parser) {
        Value value = literal(parser);
        if (!Values.isSet(value)) throw clauseOperandType(parser, "DELETE", value);
        return value;
    }

    /** ADD and DELETE take an expression attribute value, never a path or function. */
    private static Value literal(Parser parser) {
        Token token = parser.peek();
        if (!token.is(Type.VALUE_REF)) throw parser.syntaxError(token);
        parser.next();
        return parser.context().value(token.text(), parser.kind());
    }

    private static RuntimeException clauseOperandType(Parser parser, String clause, Value value) {
        return parser.kind().invalid("Incorrect operand type for operator or function; operator: " + clause
                + ", operand type: " + Values.longTypeName(value));
    }

    @Override
    public Map<String, Value> apply(Map<String, Value> item) {
        // Every right-hand side reads the item as it was, before any action of this update.
        int count = sets.size() + adds.size() + deletes.size();
        var paths = new ArrayList<Path>(count);
        var results = new ArrayList<Value>(count);
        for (SetAction set : sets) {
            paths.add(set.path());
            results.add(set.value().evaluate(item, true));
        }
        for (AddAction add : adds) {
            paths.add(add.path());
            results.add(add(add.path().get(item), add.value()));
        }
        for (DeleteAction delete : deletes) {
            paths.add(delete.path());
            results.add(delete(delete.path().get(item), delete.value()));
        }
        var updated = new LinkedHashMap<>(item);
        for (int i = 0; i < count; i++) {
            Value result = results.get(i);
            if (result == null) Documents.remove(updated, paths.get(i));
            else Documents.set(updated, paths.get(i), result);
        }
        for (Path remove : removes) Documents.remove(updated, remove);
        return updated;
    }

    private static Value add(Value existing, Value operand) {
        if (existing == null) return operand;
        return switch (existing) {
            case Value.N n when operand instanceof Value.N m -> new Value.N(Numbers.checked(n.value().add(m.value())));
            case Value.SS s when operand instanceof Value.SS t -> new Value.SS(union(s.value(), t.value()));
            case Value.NS s when operand instanceof Value.NS t -> new Value.NS(union(s.value(), t.value()));
            case Value.BS s when operand instanceof Value.BS t -> new Value.BS(union(s.value(), t.value()));
            default -> throw Operand.incorrectType();
        };
    }

    /** The set without {@code operand}'s members; null (remove the attribute) when nothing is left, or nothing was there. */
    private static Value delete(Value existing, Value operand) {
        if (existing == null) return null;
        Value result = switch (existing) {
            case Value.SS s when operand instanceof Value.SS t -> new Value.SS(difference(s.value(), t.value()));
            case Value.NS s when operand instanceof Value.NS t -> new Value.NS(difference(s.value(), t.value()));
            case Value.BS s when operand instanceof Value.BS t -> new Value.BS(difference(s.value(), t.value()));
            default -> throw Operand.incorrectType();
        };
        // DynamoDB has no empty sets: deleting the last member removes the attribute.
        return Values.size(result) instanceof Value.N n && n.value().signum() == 0 ? null : result;
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        var result = new LinkedHashSet<>(a);
        result.addAll(b);
        return result;
    }

    private static <T> Set<T> difference(Set<T> a, Set<T> b) {
        var result = new LinkedHashSet<>(a);
        result.removeAll(b);
        return result;
    }
}
