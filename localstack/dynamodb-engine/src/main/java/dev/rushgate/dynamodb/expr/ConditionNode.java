package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.value.Value;

import java.util.List;
import java.util.Map;

/** The parsed tree of a condition: each node tests an item directly, so evaluation is a walk with no lookups. */
sealed interface ConditionNode extends Condition {

    record And(ConditionNode left, ConditionNode right) implements ConditionNode {
        @Override public boolean test(Map<String, Value> item) { return left.test(item) && right.test(item); }
    }

    record Or(ConditionNode left, ConditionNode right) implements ConditionNode {
        @Override public boolean test(Map<String, Value> item) { return left.test(item) || right.test(item); }
    }

    record Not(ConditionNode operand) implements ConditionNode {
        @Override public boolean test(Map<String, Value> item) { return !operand.test(item); }
    }

    enum Comparator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }
    }

    /**
     * A comparison; false when either side is missing. Equality is deep and typed ({@code {S:"6"}} is not
     * {@code {N:"6"}}), so {@code <>} between two different types is true, as in DynamoDB; ordering compares only
     * N, S and B, each with its own kind.
     */
    record Compare(Comparator comparator, Operand left, Operand right) implements ConditionNode {
        @Override
        public boolean test(Map<String, Value> item) {
            Value a = left.evaluate(item, false);
            if (a == null) return false;
            Value b = right.evaluate(item, false);
            if (b == null) return false;
            return switch (comparator) {
                case EQ -> a.equals(b);
                case NE -> !a.equals(b);
                case LT -> ordered(a, b, -1, -1);
                case LE -> ordered(a, b, -1, 0);
                case GT -> ordered(a, b, 1, 1);
                case GE -> ordered(a, b, 0, 1);
            };
        }

        private static boolean ordered(Value a, Value b, int min, int max) {
            int c = Values.compare(a, b);
            return c != Values.INCOMPARABLE && c >= min && c <= max;
        }
    }

    record Between(Operand operand, Operand lower, Operand upper) implements ConditionNode {
        @Override
        public boolean test(Map<String, Value> item) {
            Value v = operand.evaluate(item, false);
            Value lo = lower.evaluate(item, false);
            Value hi = upper.evaluate(item, false);
            if (v == null || lo == null || hi == null) return false;
            int fromLower = Values.compare(lo, v);
            int toUpper = Values.compare(v, hi);
            return fromLower != Values.INCOMPARABLE && toUpper != Values.INCOMPARABLE && fromLower <= 0 && toUpper <= 0;
        }
    }

    record In(Operand operand, List<Operand> candidates) implements ConditionNode {
        @Override
        public boolean test(Map<String, Value> item) {
            Value v = operand.evaluate(item, false);
            if (v == null) return false;
            for (Operand candidate : candidates) {
                if (v.equals(candidate.evaluate(item, false))) return true;
            }
            return false;
        }
    }

    record Exists(Path path) implements ConditionNode {
        @Override public boolean test(Map<String, Value> item) { return path.get(item) != null; }
    }

    record NotExists(Path path) implements ConditionNode {
        @Override public boolean test(Map<String, Value> item) { return path.get(item) == null; }
    }

    record AttributeType(Path path, String type) implements ConditionNode {
        @Override
        public boolean test(Map<String, Value> item) {
            Value v = path.get(item);
            return v != null && v.type().equals(type);
        }
    }

    record BeginsWith(Operand operand, Operand prefix) implements ConditionNode {
        @Override
        public boolean test(Map<String, Value> item) {
            Value v = operand.evaluate(item, false);
            Value p = prefix.evaluate(item, false);
            if (v instanceof Value.S s && p instanceof Value.S ps) return s.value().startsWith(ps.value());
            if (v instanceof Value.B b && p instanceof Value.B pb) return b.value().startsWith(pb.value());
            return false;
        }
    }

    /** A substring of a string, a member of a set of the matching scalar type, or an element of a list. */
    record Contains(Operand operand, Operand member) implements ConditionNode {
        @Override
        public boolean test(Map<String, Value> item) {
            Value v = operand.evaluate(item, false);
            Value m = member.evaluate(item, false);
            if (v == null || m == null) return false;
            return switch (v) {
                case Value.S s -> m instanceof Value.S ms && s.value().contains(ms.value());
                case Value.SS ss -> m instanceof Value.S ms && ss.value().contains(ms.value());
                case Value.NS ns -> m instanceof Value.N mn && ns.value().contains(mn.value());
                case Value.BS bs -> m instanceof Value.B mb && bs.value().contains(mb.value());
                case Value.L l -> l.value().contains(m);
                default -> false;
            };
        }
    }
}
