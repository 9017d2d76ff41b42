package dev.rushgate.localstack.bedrock;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import java.net.URI;
import java.time.Duration;

/** The real SDK client pointed at a simulator: static credentials, three attempts without waiting, a deadline. */
final class BedrockClients {

    static final int ATTEMPTS = 3;
    static final Duration DEADLINE = Duration.ofSeconds(1);

    private BedrockClients() {
    }

    static BedrockRuntimeClient against(URI endpoint) {
        return BedrockRuntimeClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(c -> c.apiCallTimeout(DEADLINE)
                        .retryStrategy(r -> r.maxAttempts(ATTEMPTS)
                                .backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())))
                .build();
    }
}
