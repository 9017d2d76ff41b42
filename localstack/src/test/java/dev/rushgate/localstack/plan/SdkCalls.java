package dev.rushgate.localstack.plan;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Every AWS SDK call made in this JVM, the functions' real clients and the local stack's pollers alike, counted as
 * the planner's model counts it (see "about" in {@code plan/calls.json}): DynamoDB requests and request units per
 * table, SQS requests and messages sent per queue, Bedrock calls. The SDK loads this interceptor from the test
 * classpath resource {@code software/amazon/awssdk/global/handlers/execution.interceptors}, so no client is changed.
 *
 * <p>Lambda's own polling is left out where it is not work done for a message: a ReceiveMessage that returned
 * nothing (the long polls of an idle queue), and the DynamoDB Streams reads that Lambda does not bill.
 */
public final class SdkCalls implements ExecutionInterceptor {

    private static final Map<String, DoubleAdder> COUNTS = new ConcurrentHashMap<>();
    /** An item's size is its names and values; items here are far under a read unit's 4 KB. */
    private static final double READ_UNIT_BYTES = 4096;

    /** The counts so far, keyed as the model's fields: {@code dynamodb.claims.writeUnits}, {@code sqs.claims.messages}. */
    public static Map<String, Double> counts() {
        Map<String, Double> now = new TreeMap<>();
        COUNTS.forEach((key, count) -> now.put(key, count.sum()));
        return now;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SdkRequest request = context.request();
        SdkResponse response = context.response();
        try {
            switch (String.valueOf(service)) {
                case "DynamoDb" -> dynamo(operation, request, response);
                case "Sqs" -> sqs(operation, request, response);
                case "BedrockRuntime" -> add("bedrock", 1);
                case "DynamoDbStreams" -> { } // Lambda's reads of a stream are not billed
                default -> add("other." + service + "." + operation, 1);
            }
        } catch (RuntimeException e) {
            // every test of this module passes here: counting must never fail a call
            add("other.uncounted." + service + "." + operation, 1);
        }
    }

    private static void dynamo(String operation, SdkRequest request, SdkResponse response) {
        switch (request) {
            case GetItemRequest get -> read(get.tableName(), 1, Boolean.TRUE.equals(get.consistentRead()));
            case BatchGetItemRequest batch -> batch.requestItems().forEach((table, keys) ->
                    read(table, keys.keys().size(), Boolean.TRUE.equals(keys.consistentRead())));
            case QueryRequest query -> read(query.tableName(),
                    units(((QueryResponse) response).items()), Boolean.TRUE.equals(query.consistentRead()));
            case ScanRequest scan -> read(scan.tableName(),
                    units(((ScanResponse) response).items()), Boolean.TRUE.equals(scan.consistentRead()));
            case TransactGetItemsRequest tx -> tx.transactItems().forEach(item -> {
                add("dynamodb." + item.get().tableName() + ".requests", 0);
                add("dynamodb." + item.get().tableName() + ".readUnits", 2);
            });
            case BatchWriteItemRequest batch -> batch.requestItems().forEach((table, writes) -> {
                add("dynamodb." + table + ".requests", 1);
                add("dynamodb." + table + ".writeUnits", writes.size());
            });
            case TransactWriteItemsRequest tx -> {
                tx.transactItems().stream().map(SdkCalls::table).distinct()
                        .forEach(table -> add("dynamodb." + table + ".requests", 1));
                tx.transactItems().forEach(item -> add("dynamodb." + table(item) + ".writeUnits", 2));
            }
            default -> {
                String table = request.getValueForField("TableName", String.class).orElse("?");
                add("dynamodb." + table + ".requests", 1);
                if (operation.equals("PutItem") || operation.equals("UpdateItem") || operation.equals("DeleteItem")) {
                    add("dynamodb." + table + ".writeUnits", 1);
                }
            }
        }
    }

    private static void read(String table, double units, boolean consistent) {
        add("dynamodb." + table + ".requests", 1);
        add("dynamodb." + table + ".readUnits", consistent ? units : units / 2);
    }

    /** Read units of a query's or a scan's page: its items' bytes in 4 KB units, at least one. */
    private static double units(List<Map<String, AttributeValue>> items) {
        long bytes = 0;
        for (Map<String, AttributeValue> item : items) bytes += size(item);
        return Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES));
    }

    /** An item's size as DynamoDB reckons it: names and values in UTF-8, 3 bytes more for each list or map. */
    private static long size(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (var e : item.entrySet()) bytes += utf8(e.getKey()) + size(e.getValue());
        return bytes;
    }

    private static long size(AttributeValue v) {
        if (v.s() != null) return utf8(v.s());
        if (v.n() != null) return v.n().length();
        if (v.b() != null) return v.b().asByteArray().length;
        if (v.hasSs()) return v.ss().stream().mapToLong(SdkCalls::utf8).sum();
        if (v.hasNs()) return v.ns().stream().mapToLong(String::length).sum();
        if (v.hasL()) return 3 + v.l().stream().mapToLong(SdkCalls::size).sum();
        if (v.hasM()) return 3 + size(v.m());
        return 1;
    }

    private static long utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static String table(TransactWriteItem item) {
        if (item.put() != null) return item.put().tableName();
        if (item.update() != null) return item.update().tableName();
        if (item.delete() != null) return item.delete().tableName();
        return item.conditionCheck().tableName();
    }

    private static void sqs(String operation, SdkRequest request, SdkResponse response) {
        String url = request.getValueForField("QueueUrl", String.class).orElse("?");
        String queue = url.substring(url.lastIndexOf('/') + 1);
        if (response instanceof ReceiveMessageResponse received && received.messages().isEmpty()) return;
        add("sqs." + queue + ".requests", 1);
        switch (operation) {
            case "SendMessage" -> add("sqs." + queue + ".messages", 1);
            case "SendMessageBatch" -> add("sqs." + queue + ".messages", ((SendMessageBatchRequest) request).entries().size());
            default -> { }
        }
    }

    private static void add(String key, double amount) {
        COUNTS.computeIfAbsent(key, k -> new DoubleAdder()).add(amount);
    }
}
