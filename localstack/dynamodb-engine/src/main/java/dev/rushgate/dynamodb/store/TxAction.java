package dev.rushgate.dynamodb.store;

import java.util.Objects;

/** One action of a write transaction: a mutation of one item, located by table and key. */
public record TxAction(TableDef table, StoredKey key, Mutation mutation) {
    public TxAction {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(mutation, "mutation");
    }
}
