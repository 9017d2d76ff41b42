package dev.rushgate.localstack.provision;

import dev.rushgate.localstack.engine.Engines;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.QueueSpec;
import dev.rushgate.wiring.TableSpec;
import dev.rushgate.wiring.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates, on the local engines, everything a {@link Declaration} names: DynamoDB tables (string keys, on demand,
 * with their stream when declared),
 * SQS queues each with its dead-letter queue and redrive policy, and Kafka topics. The PostgreSQL schema is
 * left to the declared {@code Deploy} function, as in the cloud.
 * It returns the environment the functions read, keyed by {@link EnvNames}.
 *
 * <p>Idempotent: what exists is left alone (queue attributes are re-applied so they match the declaration), so
 * a restart on a kept data directory, or a second call, succeeds and changes nothing. Physical names are the
 * declaration ids.
 */
public final class Provisioner {
    private final Declaration declaration;
    private final Engines engines;

    public Provisioner(Declaration declaration, Engines engines) {
        this.declaration = declaration;
        this.engines = engines;
    }

    /** Provisions {@code declaration} on {@code engines}; see {@link #provision()}. */
    public static Map<String, String> provision(Declaration declaration, Engines engines) {
        return new Provisioner(declaration, engines).provision();
    }

    /** Creates what is missing and returns the functions' environment (ordered, for readable logs). */
    public Map<String, String> provision() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvNames.REDIS_ENDPOINT, engines.redisEndpoint());
        env.put(EnvNames.REDIS_TLS, "false");
        env.put(EnvNames.DYNAMODB_ENDPOINT, engines.dynamoEndpoint().toString());
        env.put(EnvNames.SQS_ENDPOINT, engines.sqsEndpoint().toString());
        env.put(EnvNames.KAFKA_BOOTSTRAP, engines.kafkaBootstrap());
        env.put(EnvNames.DATABASE_URL, engines.jdbcUrl());
        env.put(EnvNames.DATABASE_SECRET, engines.dbUser() + ":" + engines.dbPassword());
        // Every local function shares one pool, so it holds as many connections as a few Lambdas would.
        env.put(EnvNames.DATABASE_POOL_SIZE, "16");

        try (DynamoDbClient dynamo = LocalAwsClients.dynamo(engines.dynamoEndpoint());
             SqsClient sqs = LocalAwsClients.sqs(engines.sqsEndpoint())) {
            env.putAll(provisionTablesAndQueues(declaration, dynamo, sqs));
        }
        createTopics(declaration.topics()).forEach(t -> env.put(EnvNames.topic(t), t));
        return env;
    }

    /**
     * Creates the declared tables (string keys, on demand) and queues (each with its DLQ and redrive policy)
     * that are missing, on any DynamoDB and SQS endpoint (the embedded engines, or LocalStack), and returns
     * the variables that name them.
     */
    public static Map<String, String> provisionTablesAndQueues(Declaration declaration, DynamoDbClient dynamo,
                                                               SqsClient sqs) {
        Map<String, String> env = new LinkedHashMap<>();
        // One listing rather than a describe per table: a missing table is an error answer, which LocalStack logs.
        Set<String> existing = Set.copyOf(dynamo.listTablesPaginator().tableNames().stream().toList());
        for (TableSpec table : declaration.tables()) {
            if (!existing.contains(table.id())) createTable(dynamo, table);
            else if (table.hasStream()) ensureStream(dynamo, table);
            env.put(EnvNames.table(table.id()), table.id());
        }
        Map<QueueAttributeName, String> keep = Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                String.valueOf(QueueSpec.KEEP_SECONDS));
        for (QueueSpec queue : declaration.queues()) {
            if (!queue.hasDeadLetterQueue()) {
                // A failure queue: no redrive policy, so the dead-letter view's looks never move a message on.
                String url = FailureQueueMigration.migrate(sqs, queue.id(), ensureQueue(sqs, queue.id(), keep), keep);
                env.put(EnvNames.queueUrl(queue.id()), url);
                continue;
            }
            String dlqUrl = ensureQueue(sqs, queue.dlqId(), keep);
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String url = ensureQueue(sqs, queue.id(), Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(queue.visibilityTimeoutSeconds()),
                    QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                            + "\",\"maxReceiveCount\":\"" + queue.maxReceiveCount() + "\"}"));
            env.put(EnvNames.queueUrl(queue.id()), url);
            env.put(EnvNames.queueUrl(queue.dlqId()), dlqUrl);
        }
        return env;
    }

    private static void createTable(DynamoDbClient dynamo, TableSpec table) {
        List<KeySchemaElement> keys = new ArrayList<>();
        List<AttributeDefinition> attributes = new ArrayList<>();
        keys.add(KeySchemaElement.builder().attributeName(table.partitionKey()).keyType(KeyType.HASH).build());
        attributes.add(stringAttribute(table.partitionKey()));
        if (table.hasSortKey()) {
            keys.add(KeySchemaElement.builder().attributeName(table.sortKey()).keyType(KeyType.RANGE).build());
            attributes.add(stringAttribute(table.sortKey()));
        }
        try {
            dynamo.createTable(b -> {
                b.tableName(table.id()).keySchema(keys).attributeDefinitions(attributes)
                        .billingMode(BillingMode.PAY_PER_REQUEST);
                if (table.hasStream()) {
                    b.streamSpecification(s -> s.streamEnabled(true).streamViewType(table.streamViewType()));
                }
            });
        } catch (ResourceInUseException createdMeanwhile) {
            // another provisioner won the race: same declaration, same table
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table.id()));
    }

    /** A table kept from an earlier run, declared without a stream then, gets its stream now. */
    private static void ensureStream(DynamoDbClient dynamo, TableSpec table) {
        var spec = dynamo.describeTable(b -> b.tableName(table.id())).table().streamSpecification();
        if (spec == null || !Boolean.TRUE.equals(spec.streamEnabled())) {
            dynamo.updateTable(b -> b.tableName(table.id()).streamSpecification(s -> s.streamEnabled(true)
                    .streamViewType(table.streamViewType())));
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    /** Creates the queue, or re-applies the declared attributes to the existing one so it cannot drift. */
    private static String ensureQueue(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        try {
            String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
            if (!attributes.isEmpty()) sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
            return url;
        } catch (QueueDoesNotExistException absent) {
            return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        }
    }

    private List<String> createTopics(List<TopicSpec> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, engines.kafkaBootstrap()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.id()))
                    .map(t -> new NewTopic(t.id(), t.partitions(), (short) 1)).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
            return topics.stream().map(TopicSpec::id).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Kafka topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        }
    }
}
