package dev.rushgate.dynamodb.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One table as the engine keeps it: its key schema, its stream (if any) and its TTL attribute (if any). Rows of
 * the table live in the PostgreSQL table {@link #sqlName()}; {@code id} never changes for the table's life, and a
 * table deleted and created again gets a new one, so a stream's records never mix two lives of one name.
 *
 * @param streamViewType KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES; null when the table has no stream
 * @param streamLabel    the stream's label (a timestamp, as DynamoDB's), fixed when the stream was enabled
 * @param ttlAttribute   the attribute holding each item's expiry (epoch seconds); null when TTL is off
 */
public record TableDef(String name, int id, KeyAttribute hash, KeyAttribute range, Instant created,
                       String streamViewType, String streamLabel, String ttlAttribute) {
    public TableDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(created, "created");
    }

    public boolean hasRange() {
        return range != null;
    }

    public boolean hasStream() {
        return streamViewType != null;
    }

    /** The PostgreSQL table holding this table's items, schema-qualified. */
    public String sqlName() {
        return "dynamodb.t_" + id;
    }

    public String arn() {
        return "arn:aws:dynamodb:" + Arns.REGION + ":" + Arns.ACCOUNT + ":table/" + name;
    }

    public String streamArn() {
        return streamLabel == null ? null : arn() + "/stream/" + streamLabel;
    }

    public TableDef withTtl(String attribute) {
        return new TableDef(name, id, hash, range, created, streamViewType, streamLabel, attribute);
    }

    public TableDef withStream(String viewType, String label) {
        return new TableDef(name, id, hash, range, created, viewType, label, ttlAttribute);
    }
}
