package dev.rushgate.localstack.provision;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * AWS SDK clients aimed at the local engines: region us-east-1, dummy static credentials (the engines accept any),
 * and the URL-connection HTTP client, which starts fastest and needs no Netty. Callers close what they get.
 */
public final class LocalAwsClients {
    /** The region every local ARN and client uses. */
    public static final String REGION = "us-east-1";
    /** The account in every local queue URL and ARN (ElasticMQ's default). */
    public static final String ACCOUNT = "000000000000";

    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private LocalAwsClients() {}

    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(DUMMY)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static DynamoDbClient dynamo(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(REGION)).credentialsProvider(DUMMY)
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** DynamoDB Streams: the local DynamoDB engine serves it at its own endpoint. */
    public static DynamoDbStreamsClient streams(URI endpoint) {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.of(REGION))
                .credentialsProvider(DUMMY).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    /** The ARN Lambda would put in {@code eventSourceArn} for the queue behind {@code queueUrl}. */
    public static String queueArn(String queueUrl) {
        return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }
}
