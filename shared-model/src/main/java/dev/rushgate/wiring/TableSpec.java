package dev.rushgate.wiring;

import java.util.Objects;

/**
 * A DynamoDB table; key attributes are strings. {@code sortKey} is null for a table with a partition
 * key only. Tables are on demand with point-in-time recovery in the cloud.
 */
public record TableSpec(String id, String partitionKey, String sortKey) {
    public TableSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partitionKey, "partitionKey");
        if (id.length() < 3) throw new IllegalArgumentException("table ids need 3+ characters: " + id);
    }

    public boolean hasSortKey() {
        return sortKey != null;
    }
}
