package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.value.Value;

import java.util.List;

/**
 * A parsed KeyConditionExpression: an equality on the partition key and at most one condition on the sort key.
 * Names are resolved but not checked against the table: the caller does that, and the value types. {@code sortName}
 * and {@code op} are both null when there is no sort key condition; {@code sortValues} then is empty, otherwise it
 * holds one value (two for BETWEEN).
 *
 * <p>When both conditions are equalities the parser cannot tell which is the partition key and keeps the written
 * order; {@link #forPartitionKey} puts them right once the caller knows the schema.
 */
public record KeyCondition(String partitionName, Value partitionValue, String sortName, SortOp op, List<Value> sortValues) {

    public KeyCondition {
        sortValues = sortValues == null ? List.of() : List.copyOf(sortValues);
    }

    /** This condition with {@code partitionKey} as the partition side, swapping two equalities when needed. */
    public KeyCondition forPartitionKey(String partitionKey) {
        if (!partitionKey.equals(partitionName) && partitionKey.equals(sortName) && op == SortOp.EQ) {
            return new KeyCondition(sortName, sortValues.getFirst(), partitionName, SortOp.EQ, List.of(partitionValue));
        }
        return this;
    }
}
