package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.value.Numbers;
import dev.rushgate.dynamodb.value.Value;

import java.util.ArrayList;
import java.util.Map;

/**
 * Something an expression reads a value from. Conditions evaluate with {@code required = false}, where a missing
 * attribute is null (and the comparison false); updates evaluate with {@code required = true}, where it is an error.
 */
sealed interface Operand {

    Value evaluate(Map<String, Value> item, boolean required);

    record PathOperand(Path path) implements Operand {
        @Override
        public Value evaluate(Map<String, Value> item, boolean required) {
            Value value = path.get(item);
            if (value == null && required) {
                throw DynamoException.validation("The provided expression refers to an attribute that does not exist in the item");
            }
            return value;
        }
    }

    /** An expression attribute value; {@code placeholder} is kept for error messages. */
    record Literal(Value value, String placeholder) implements Operand {
        @Override
        public Value evaluate(Map<String, Value> item, boolean required) {
            return value;
        }
    }

    record Size(Operand argument) implements Operand {
        @Override
        public Value evaluate(Map<String, Value> item, boolean required) {
            Value value = argument.evaluate(item, required);
            return value == null ? null : Values.size(value);
        }
    }

    record IfNotExists(Path path, Operand fallback) implements Operand {
        @Override
        public Value evaluate(Map<String, Value> item, boolean required) {
            Value value = path.get(item);
            return value != null ? value : fallback.evaluate(item, required);
        }
    }

    record ListAppend(Operand first, Operand second) implements Operand {
        @Override
        public Value evaluate(Map<String, Value> item, boolean required) {
            Value a = first.evaluate(item, required);
            Value b = second.evaluate(item, required);
            if (!(a instanceof Value.L x) || !(b instanceof Value.L y)) throw incorrectType();
            var joined = new ArrayList<Value>(x.value().size() + y.value().size());
            joined.addAll(x.value());
            joined.addAll(y.value());
            return new Value.L(joined);
        }
    }

    record Arithmetic(boolean plus, Operand left, Operand right) implements Operand {
        @Override
        public Value evaluate(Map<String, Value> item, boolean required) {
            Value a = left.evaluate(item, required);
            Value b = right.evaluate(item, required);
            if (!(a instanceof Value.N x) || !(b instanceof Value.N y)) throw incorrectType();
            return new Value.N(Numbers.checked(plus ? x.value().add(y.value()) : x.value().subtract(y.value())));
        }
    }

    static DynamoException incorrectType() {
        return DynamoException.validation("An operand in the update expression has an incorrect data type");
    }
}
