package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.value.Value;

import java.util.Map;

/**
 * A parsed ConditionExpression or FilterExpression. Immutable and safe to share between threads; testing never
 * throws, because DynamoDB answers false (not an error) for missing attributes and mismatched types.
 */
@FunctionalInterface
public interface Condition {
    /** Whether {@code item} (empty when the item does not exist) satisfies the condition. */
    boolean test(Map<String, Value> item);
}
