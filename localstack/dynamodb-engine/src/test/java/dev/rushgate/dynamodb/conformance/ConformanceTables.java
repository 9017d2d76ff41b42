package dev.rushgate.dynamodb.conformance;

import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One test class's view of the target: its clients, and the tables it created, which are all deleted when the
 * class ends. Tables are on-demand and waited for until ACTIVE, since real DynamoDB takes seconds to create one.
 */
public final class ConformanceTables implements AutoCloseable {
    private final ConformanceTarget target;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private final DynamoDbWaiter waiter;

    ConformanceTables(ConformanceTarget target) {
        this.target = target;
        this.waiter = DynamoDbWaiter.builder()
                .client(target.dynamo())
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(500)))
                        .waitTimeout(Duration.ofMinutes(3))
                        .maxAttempts(400)
                        .build())
                .build();
    }

    public DynamoDbClient dynamo() {
        return target.dynamo();
    }

    public DynamoDbStreamsClient streams() {
        return target.streams();
    }

    public String tablePrefix() {
        return target.tablePrefix();
    }

    /** A table name unique to this run; it is deleted at the end of the class if a test creates it. */
    public String name(String base) {
        String name = target.tablePrefix() + base;
        created.add(name);
        return name;
    }

    /** Creates an on-demand table with a partition key only and waits until it is ACTIVE. */
    public String hashTable(String base, String hashName, ScalarAttributeType hashType) {
        return create(base, table -> table
                .attributeDefinitions(attribute(hashName, hashType))
                .keySchema(key(hashName, KeyType.HASH)));
    }

    /** Creates an on-demand table with a partition and a sort key and waits until it is ACTIVE. */
    public String hashRangeTable(String base, String hashName, ScalarAttributeType hashType,
                                 String rangeName, ScalarAttributeType rangeType) {
        return create(base, table -> table
                .attributeDefinitions(attribute(hashName, hashType), attribute(rangeName, rangeType))
                .keySchema(key(hashName, KeyType.HASH), key(rangeName, KeyType.RANGE)));
    }

    /** Creates an on-demand table described by {@code spec} (keys, streams...) and waits until it is ACTIVE. */
    public String create(String base, Consumer<CreateTableRequest.Builder> spec) {
        String name = name(base);
        CreateTableRequest.Builder request = CreateTableRequest.builder().billingMode(BillingMode.PAY_PER_REQUEST);
        spec.accept(request);
        dynamo().createTable(request.tableName(name).build());
        awaitActive(name);
        return name;
    }

    public void awaitActive(String name) {
        waiter.waitUntilTableExists(request -> request.tableName(name));
    }

    public void awaitDeleted(String name) {
        waiter.waitUntilTableNotExists(request -> request.tableName(name));
    }

    public static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    public static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (String name : created) {
            try {
                dynamo().deleteTable(request -> request.tableName(name));
            } catch (ResourceNotFoundException alreadyGone) {
                // never created, or deleted by the test itself
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("could not delete conformance tables");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
