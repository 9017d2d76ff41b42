package dev.rushgate.dynamodb.store;

import dev.rushgate.dynamodb.value.Value;

import java.util.Map;

/**
 * What one write does to one item, decided against the item as it is under the row's lock. Returns the new item,
 * {@code null} to delete it, or {@code old} itself (the same instance) to leave it as it is (a condition check).
 * Throws {@link dev.rushgate.dynamodb.ConditionFailedException} when the write's condition is false; nothing is then
 * written. It may be called more than once for one request (a retried race), so it must have no side effect.
 */
@FunctionalInterface
public interface Mutation {
    Map<String, Value> apply(Map<String, Value> old);
}
