package dev.rushgate.testing;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops' real stores for a test: the stock on Redis, the {@code claims} queue and its {@code claims-dlq} on ElasticMQ,
 * and the {@code drops} and {@code claims} tables on Rushgate's DynamoDB engine.
 */
public final class ClaimEngines implements AutoCloseable {
    public final EmbeddedRedis redis;
    public final SqsClient sqs;
    public final DynamoDbClient dynamo;
    public final String queueUrl;
    public final String dlqUrl;
    private final SQSRestServer sqsServer;
    private final LocalDynamoDb dynamoLocal;

    private ClaimEngines() {
        redis = EmbeddedRedis.start();
        sqsServer = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
        int sqsPort = sqsServer.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + sqsPort)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
        queueUrl = sqs.createQueue(b -> b.queueName("claims")).queueUrl();
        dlqUrl = sqs.createQueue(b -> b.queueName("claims-dlq")).queueUrl();
        dynamoLocal = LocalDynamoDb.start();
        dynamo = dynamoLocal.client();
        dynamoLocal.createTable("drops", "dropId", null);
        dynamoLocal.createTable("claims", "dropId", "claimId");
    }

    public static ClaimEngines start() {
        return new ClaimEngines();
    }

    /** Receives and deletes every message waiting on the claims queue, as a consumer would: their bodies. */
    public List<String> receiveAll() {
        List<String> bodies = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            for (var message : batch) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        } while (!batch.isEmpty());
        return bodies;
    }

    @Override
    public void close() {
        redis.close();
        sqs.close();
        sqsServer.stopAndWait();
        dynamoLocal.close();
    }
}
