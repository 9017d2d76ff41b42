package dev.rushgate.dynamodb.store;

import dev.rushgate.dynamodb.value.Value;

import java.util.Map;

/** One item before and after a write: {@code old} is empty when the item was absent, {@code now} when it is gone. */
public record WriteOutcome(Map<String, Value> old, Map<String, Value> now) {
    public WriteOutcome {
        old = old == null ? Map.of() : old;
        now = now == null ? Map.of() : now;
    }
}
