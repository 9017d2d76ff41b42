package dev.rushgate.dynamodb;

import dev.rushgate.dynamodb.value.Value;

import java.util.Map;

/**
 * A write's condition was false. {@code item} is the item as it was (empty when absent), answered only when the
 * request asked for {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}.
 */
public final class ConditionFailedException extends DynamoException {
    private final transient Map<String, Value> item;

    public ConditionFailedException(Map<String, Value> item) {
        super("ConditionalCheckFailedException", "The conditional request failed");
        this.item = item == null ? Map.of() : item;
    }

    public Map<String, Value> item() {
        return item;
    }
}
