package dev.rushgate.dynamodb.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.store.Arns;
import dev.rushgate.dynamodb.store.Catalog;
import dev.rushgate.dynamodb.store.Store;
import dev.rushgate.dynamodb.store.TableDef;
import dev.rushgate.dynamodb.value.ValueJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and GetRecords. Each stream has one shard that
 * stays open for the stream's life; records are numbered in commit order ({@link Store#sequenceStreamRecords}) and
 * kept 24 hours. A shard iterator is the stream and the last number read, so it never expires here.
 */
final class StreamOperations {
    private static final int MAX_RECORDS = 1000;

    private final Catalog catalog;
    private final Store store;

    StreamOperations(Catalog catalog, Store store) {
        this.catalog = catalog;
        this.store = store;
    }

    Body listStreams(Request r) {
        String tableName = r.string("TableName");
        List<TableDef> tables = catalog.withStreams().stream()
                .filter(t -> tableName == null || t.name().equals(tableName)).toList();
        return g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Streams");
            for (TableDef t : tables) {
                g.writeStartObject();
                g.writeStringField("StreamArn", t.streamArn());
                g.writeStringField("TableName", t.name());
                g.writeStringField("StreamLabel", t.streamLabel());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        };
    }

    Body describeStream(Request r) {
        TableDef t = byArn(r.required("StreamArn"));
        store.sequenceStreamRecords();
        long first = store.firstStreamSeq(t.id());
        return g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("StreamDescription");
            g.writeStringField("StreamArn", t.streamArn());
            g.writeStringField("StreamLabel", t.streamLabel());
            g.writeStringField("StreamStatus", "ENABLED");
            g.writeStringField("StreamViewType", t.streamViewType());
            g.writeNumberField("CreationRequestDateTime", t.created().toEpochMilli() / 1000.0);
            g.writeStringField("TableName", t.name());
            g.writeArrayFieldStart("KeySchema");
            g.writeStartObject();
            g.writeStringField("AttributeName", t.hash().name());
            g.writeStringField("KeyType", "HASH");
            g.writeEndObject();
            if (t.hasRange()) {
                g.writeStartObject();
                g.writeStringField("AttributeName", t.range().name());
                g.writeStringField("KeyType", "RANGE");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Shards");
            g.writeStartObject();
            g.writeStringField("ShardId", shardId(t));
            g.writeObjectFieldStart("SequenceNumberRange");
            g.writeStringField("StartingSequenceNumber", sequenceNumber(Math.max(first, 1)));
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        };
    }

    Body getShardIterator(Request r) {
        TableDef t = byArn(r.required("StreamArn"));
        String shard = r.required("ShardId");
        if (!shard.equals(shardId(t))) {
            throw DynamoException.notFound("Requested resource not found: Shard does not exist");
        }
        store.sequenceStreamRecords();
        long after = switch (r.required("ShardIteratorType")) {
            case "TRIM_HORIZON" -> Math.max(0, store.firstStreamSeq(t.id()) - 1);
            case "LATEST" -> store.lastStreamSeq(t.id());
            case "AT_SEQUENCE_NUMBER" -> sequence(r.required("SequenceNumber")) - 1;
            case "AFTER_SEQUENCE_NUMBER" -> sequence(r.required("SequenceNumber"));
            default -> throw DynamoException.validation("1 validation error detected: Value at 'shardIteratorType' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
        };
        String iterator = iterator(t, after);
        return g -> {
            g.writeStartObject();
            g.writeStringField("ShardIterator", iterator);
            g.writeEndObject();
        };
    }

    Body getRecords(Request r) {
        String[] parts = decode(r.required("ShardIterator"));
        TableDef t = byArn(parts[0]);
        long after = Long.parseLong(parts[1]);
        Integer limit = r.integer("Limit");
        if (limit != null && (limit < 1 || limit > MAX_RECORDS)) {
            throw DynamoException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000");
        }
        store.sequenceStreamRecords();
        List<Store.StreamRecord> records = store.streamRecords(t.id(), after, limit == null ? MAX_RECORDS : limit);
        long next = records.isEmpty() ? after : records.getLast().seq();
        String nextIterator = iterator(t, next);
        return g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (Store.StreamRecord record : records) write(g, t, record);
            g.writeEndArray();
            g.writeStringField("NextShardIterator", nextIterator);
            g.writeEndObject();
        };
    }

    private static void write(JsonGenerator g, TableDef t, Store.StreamRecord record) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventID", UUID.nameUUIDFromBytes((t.streamArn() + "#" + record.seq()).getBytes(StandardCharsets.UTF_8)).toString());
        g.writeStringField("eventName", record.eventName());
        g.writeStringField("eventVersion", "1.1");
        g.writeStringField("eventSource", "aws:dynamodb");
        g.writeStringField("awsRegion", Arns.REGION);
        g.writeObjectFieldStart("dynamodb");
        g.writeNumberField("ApproximateCreationDateTime", record.created().getEpochSecond());
        g.writeFieldName("Keys");
        ValueJson.writeItem(g, record.keys());
        if (record.newImage() != null) {
            g.writeFieldName("NewImage");
            ValueJson.writeItem(g, record.newImage());
        }
        if (record.oldImage() != null) {
            g.writeFieldName("OldImage");
            ValueJson.writeItem(g, record.oldImage());
        }
        g.writeStringField("SequenceNumber", sequenceNumber(record.seq()));
        g.writeNumberField("SizeBytes", record.size());
        g.writeStringField("StreamViewType", t.streamViewType());
        g.writeEndObject();
        if (record.byTtl()) {
            g.writeObjectFieldStart("userIdentity");
            g.writeStringField("PrincipalId", "dynamodb.amazonaws.com");
            g.writeStringField("Type", "Service");
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private TableDef byArn(String arn) {
        for (TableDef t : catalog.withStreams()) {
            if (t.streamArn().equals(arn)) return t;
        }
        throw DynamoException.notFound("Requested resource not found: Stream: " + arn + " not found");
    }

    static String shardId(TableDef t) {
        return String.format("shardId-%020d-%08x", t.created().toEpochMilli(), t.id());
    }

    /** Sequence numbers are strings of digits, as DynamoDB's; padded so they also sort as text. */
    static String sequenceNumber(long seq) {
        return String.format("%021d", seq);
    }

    private static long sequence(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw DynamoException.validation("Invalid SequenceNumber: " + text);
        }
    }

    private static String iterator(TableDef t, long after) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((t.streamArn() + "|" + after).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String iterator) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            if (bar < 0) throw new IllegalArgumentException();
            return new String[] {text.substring(0, bar), text.substring(bar + 1)};
        } catch (IllegalArgumentException e) {
            throw DynamoException.validation("Invalid ShardIterator");
        }
    }
}
