package dev.rushgate.wiring;

import java.util.Objects;
import java.util.Set;

/**
 * A DynamoDB table; key attributes are strings. {@code sortKey} is null for a table with a partition
 * key only. Tables are on demand with point-in-time recovery in the cloud.
 *
 * @param streamViewType null for a table without a stream; else what its DynamoDB stream records carry:
 *                       {@code KEYS_ONLY}, {@code NEW_IMAGE}, {@code OLD_IMAGE} or {@code NEW_AND_OLD_IMAGES}.
 *                       A {@link Trigger.DynamoStream} may only name a table that has one.
 */
public record TableSpec(String id, String partitionKey, String sortKey, String streamViewType) {
    /** The stream view types DynamoDB accepts. */
    public static final Set<String> STREAM_VIEW_TYPES = Set.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");

    public TableSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partitionKey, "partitionKey");
        if (id.length() < 3) throw new IllegalArgumentException("table ids need 3+ characters: " + id);
        if (streamViewType != null && !STREAM_VIEW_TYPES.contains(streamViewType)) {
            throw new IllegalArgumentException("stream view type must be one of " + STREAM_VIEW_TYPES + ": " + streamViewType);
        }
    }

    /** A table without a stream. */
    public TableSpec(String id, String partitionKey, String sortKey) {
        this(id, partitionKey, sortKey, null);
    }

    /** This table with a DynamoDB stream of {@code viewType} records. */
    public TableSpec withStream(String viewType) {
        return new TableSpec(id, partitionKey, sortKey, Objects.requireNonNull(viewType, "viewType"));
    }

    public boolean hasSortKey() {
        return sortKey != null;
    }

    public boolean hasStream() {
        return streamViewType != null;
    }
}
