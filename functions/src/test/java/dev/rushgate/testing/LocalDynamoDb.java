package dev.rushgate.testing;

import dev.rushgate.dynamodb.EmbeddedDynamoDb;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.util.ArrayList;
import java.util.List;

/**
 * A real DynamoDB API for adapter tests: the project's own engine over a throwaway PostgreSQL, and one SDK client
 * aimed at it (any credentials are accepted).
 */
public final class LocalDynamoDb implements AutoCloseable {
    private final EmbeddedDynamoDb engine;
    private final DynamoDbClient client;

    private LocalDynamoDb(EmbeddedDynamoDb engine) {
        this.engine = engine;
        this.client = DynamoDbClient.builder().endpointOverride(engine.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    public static LocalDynamoDb start() {
        return new LocalDynamoDb(EmbeddedDynamoDb.start());
    }

    public DynamoDbClient client() {
        return client;
    }

    /** An on-demand table with string keys; {@code sortKey} null for a partition key only. */
    public void createTable(String name, String partitionKey, String sortKey) {
        List<KeySchemaElement> keys = new ArrayList<>(List.of(
                KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build()));
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(
                AttributeDefinition.builder().attributeName(partitionKey).attributeType(ScalarAttributeType.S).build()));
        if (sortKey != null) {
            keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
            attributes.add(AttributeDefinition.builder().attributeName(sortKey).attributeType(ScalarAttributeType.S).build());
        }
        client.createTable(b -> b.tableName(name).keySchema(keys).attributeDefinitions(attributes)
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    @Override
    public void close() {
        client.close();
        engine.close();
    }
}
