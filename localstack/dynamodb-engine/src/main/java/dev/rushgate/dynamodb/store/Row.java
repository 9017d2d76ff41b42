package dev.rushgate.dynamodb.store;

import dev.rushgate.dynamodb.value.Value;

import java.util.Map;

/**
 * An item read by a Query or Scan, as stored: its DynamoDB JSON, its size as DynamoDB counts it for the 1 MB page
 * limit, and its key in stored form. A page without a filter or projection answers the stored JSON as it is, so the
 * item is parsed only when something needs to look inside it.
 */
public final class Row {
    private final StoredKey key;
    private final byte[] json;
    private final int size;
    private Map<String, Value> item;

    Row(StoredKey key, byte[] json, int size) {
        this.key = key;
        this.json = json;
        this.size = size;
    }

    public StoredKey key() {
        return key;
    }

    /** The item in DynamoDB JSON, exactly as stored (and as DynamoDB would answer it). */
    public byte[] json() {
        return json;
    }

    public int size() {
        return size;
    }

    public Map<String, Value> item() {
        if (item == null) item = Items.fromBytes(json);
        return item;
    }
}
