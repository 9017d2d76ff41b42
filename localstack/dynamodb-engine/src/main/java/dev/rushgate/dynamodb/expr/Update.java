package dev.rushgate.dynamodb.expr;

import dev.rushgate.dynamodb.value.Value;

import java.util.Map;
import java.util.Set;

/**
 * A parsed UpdateExpression. Immutable and safe to share; its actions never overlap (the parser refuses that).
 */
public interface Update {
    /**
     * The new item; {@code item} (empty when absent) is not modified. Every right-hand side is read from the
     * original item, as DynamoDB does. Throws {@code DynamoException.validation} for errors only the item reveals:
     * wrong operand types, a missing attribute read by SET, a path whose parent does not exist. The result is not
     * size-checked.
     */
    Map<String, Value> apply(Map<String, Value> item);

    /** The top-level attribute names this update writes or removes, so the caller can refuse updates of keys. */
    Set<String> topLevelAttributes();
}
