package dev.rushgate.dynamodb.conformance;

import dev.rushgate.dynamodb.EmbeddedDynamoDb;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The DynamoDB the conformance suite talks to, built once per test run: the endpoint named by
 * {@value #URL_VARIABLE} (an AWS account, LocalStack, moto) when it is set, otherwise our own engine started
 * embedded. Every table name carries a per-run random prefix so runs never collide in a shared account.
 */
public final class ConformanceTarget implements AutoCloseable {
    public static final String URL_VARIABLE = "RUSHGATE_DYNAMODB_CONFORMANCE_URL";

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final String tablePrefix;
    private final boolean remote;
    private final AutoCloseable engine;

    private ConformanceTarget(DynamoDbClient dynamo, DynamoDbStreamsClient streams, boolean remote, AutoCloseable engine) {
        this.dynamo = dynamo;
        this.streams = streams;
        this.remote = remote;
        this.engine = engine;
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        this.tablePrefix = "rgconf-" + HexFormat.of().formatHex(random) + "-";
    }

    static ConformanceTarget fromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return remote(URI.create(url.strip()));
        }
        return embedded();
    }

    private static ConformanceTarget remote(URI endpoint) {
        Region region = Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        AwsCredentialsProvider credentials = credentialsOrDummy();
        return new ConformanceTarget(
                dynamo(endpoint, region, credentials),
                streams(streamsEndpoint(endpoint), region, credentials),
                true, null);
    }

    private static ConformanceTarget embedded() {
        EmbeddedDynamoDb engine = EmbeddedDynamoDb.start();
        AwsCredentialsProvider dummy = dummyCredentials();
        return new ConformanceTarget(
                dynamo(engine.endpoint(), Region.US_EAST_1, dummy),
                streams(engine.endpoint(), Region.US_EAST_1, dummy),
                false, engine);
    }

    /** AWS serves Streams on its own host (streams.dynamodb.&lt;region&gt;); emulators serve both on one port. */
    private static URI streamsEndpoint(URI endpoint) {
        String host = endpoint.getHost();
        if (host != null && host.startsWith("dynamodb.") && host.endsWith(".amazonaws.com")) {
            return URI.create(endpoint.getScheme() + "://streams." + host);
        }
        return endpoint;
    }

    private static AwsCredentialsProvider credentialsOrDummy() {
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        try {
            chain.resolveCredentials();
            return chain;
        } catch (SdkClientException noneConfigured) {
            // moto and LocalStack accept any credentials
            return dummyCredentials();
        }
    }

    private static AwsCredentialsProvider dummyCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("conformance", "conformance"));
    }

    private static DynamoDbClient dynamo(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private static DynamoDbStreamsClient streams(URI endpoint, Region region, AwsCredentialsProvider credentials) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public DynamoDbStreamsClient streams() {
        return streams;
    }

    /** The per-run prefix every table name starts with. */
    public String tablePrefix() {
        return tablePrefix;
    }

    /** True when the target is an external endpoint rather than our embedded engine. */
    public boolean remote() {
        return remote;
    }

    @Override
    public void close() throws Exception {
        dynamo.close();
        streams.close();
        if (engine != null) {
            engine.close();
        }
    }
}
