package dev.rushgate.dynamodb.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rushgate.dynamodb.ConditionFailedException;
import dev.rushgate.dynamodb.DynamoException;
import dev.rushgate.dynamodb.TransactionCanceledException;
import dev.rushgate.dynamodb.store.Catalog;
import dev.rushgate.dynamodb.store.Store;
import dev.rushgate.dynamodb.value.ValueJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The DynamoDB JSON protocol, without its transport: the operation named by {@code X-Amz-Target}
 * ({@code DynamoDB_20120810.PutItem}, {@code DynamoDBStreams_20120810.GetRecords}) applied to a JSON body, answered as
 * a status and a JSON body ({@code application/x-amz-json-1.0}). Errors carry DynamoDB's {@code __type}, which the SDK
 * maps to its exceptions. Signatures are not checked: any credentials are accepted, as the rest of the local stack
 * accepts them.
 */
public final class DynamoApi {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoApi.class);
    private static final ObjectMapper JSON = dev.rushgate.dynamodb.value.Json.MAPPER;
    private static final JsonFactory FACTORY = JSON.getFactory();
    /** The content type of every answer. */
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final Map<String, Function<Request, Body>> operations;
    private final RequestCounts counts = new RequestCounts();

    public DynamoApi(Catalog catalog, Store store) {
        TableOperations tables = new TableOperations(catalog, store);
        ItemOperations items = new ItemOperations(catalog, store);
        ReadOperations reads = new ReadOperations(catalog, store);
        StreamOperations streams = new StreamOperations(catalog, store);
        operations = Map.ofEntries(
                Map.entry("DynamoDB_20120810.CreateTable", tables::create),
                Map.entry("DynamoDB_20120810.DescribeTable", tables::describe),
                Map.entry("DynamoDB_20120810.ListTables", tables::list),
                Map.entry("DynamoDB_20120810.DeleteTable", tables::delete),
                Map.entry("DynamoDB_20120810.UpdateTable", tables::update),
                Map.entry("DynamoDB_20120810.UpdateTimeToLive", tables::updateTimeToLive),
                Map.entry("DynamoDB_20120810.DescribeTimeToLive", tables::describeTimeToLive),
                Map.entry("DynamoDB_20120810.PutItem", items::put),
                Map.entry("DynamoDB_20120810.GetItem", items::get),
                Map.entry("DynamoDB_20120810.UpdateItem", items::update),
                Map.entry("DynamoDB_20120810.DeleteItem", items::delete),
                Map.entry("DynamoDB_20120810.BatchWriteItem", items::batchWrite),
                Map.entry("DynamoDB_20120810.BatchGetItem", items::batchGet),
                Map.entry("DynamoDB_20120810.TransactWriteItems", items::transactWrite),
                Map.entry("DynamoDB_20120810.TransactGetItems", items::transactGet),
                Map.entry("DynamoDB_20120810.Query", reads::query),
                Map.entry("DynamoDB_20120810.Scan", reads::scan),
                Map.entry("DynamoDBStreams_20120810.ListStreams", streams::listStreams),
                Map.entry("DynamoDBStreams_20120810.DescribeStream", streams::describeStream),
                Map.entry("DynamoDBStreams_20120810.GetShardIterator", streams::getShardIterator),
                Map.entry("DynamoDBStreams_20120810.GetRecords", streams::getRecords));
    }

    /** Requests answered so far, by operation and table. */
    public RequestCounts counts() {
        return counts;
    }

    /** One answer: its HTTP status and JSON body. */
    public record Answer(int status, byte[] body) {}

    /** Applies the operation {@code target} names to {@code body}; never throws. */
    public Answer handle(String target, byte[] body) {
        Body answer;
        int status = 200;
        try {
            var operation = target == null ? null : operations.get(target);
            if (operation == null) throw new DynamoException("UnknownOperationException", "Unknown operation: " + target);
            JsonNode request = read(body);
            counts.count(target.substring(target.indexOf('.') + 1), request);
            answer = operation.apply(new Request(request));
        } catch (DynamoException e) {
            status = e.status();
            answer = error(e);
        } catch (RuntimeException e) {
            String id = UUID.randomUUID().toString();
            LOG.error("request {} failed: {}", id, target, e);
            status = 500;
            answer = error(DynamoException.internal("Internal server error, request " + id));
        }
        try {
            return new Answer(status, render(answer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) throw new DynamoException("SerializationException", "The request body must be a JSON object");
            return node;
        } catch (IOException e) {
            throw new DynamoException("SerializationException", "The request body is not valid JSON");
        }
    }

    private static Body error(DynamoException e) {
        return g -> {
            g.writeStartObject();
            g.writeStringField("__type", ERROR_PREFIX + e.type());
            // TransactionCanceledException's message field is capitalised in DynamoDB's answers; the others' is not.
            g.writeStringField(e instanceof TransactionCanceledException ? "Message" : "message", e.getMessage());
            if (e instanceof ConditionFailedException c && !c.item().isEmpty()) {
                g.writeFieldName("Item");
                ValueJson.writeItem(g, c.item());
            }
            if (e instanceof TransactionCanceledException t) {
                g.writeArrayFieldStart("CancellationReasons");
                for (TransactionCanceledException.Reason reason : t.reasons()) {
                    g.writeStartObject();
                    g.writeStringField("Code", reason.code());
                    if (reason.message() != null) g.writeStringField("Message", reason.message());
                    if (!reason.item().isEmpty()) {
                        g.writeFieldName("Item");
                        ValueJson.writeItem(g, reason.item());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        };
    }

    private static byte[] render(Body body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        }
        return out.toByteArray();
    }
}
