package dev.rushgate.localstack.docker;

import dev.rushgate.room.adapter.AdmissionKeySet;
import dev.rushgate.room.adapter.SecretsManagerSigningKeys;
import dev.rushgate.room.domain.KeyRotation.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admission keys adapter against LocalStack's Secrets Manager (in Docker): the first rotation stores a
 * key another process can read, and two rotations from the same version cannot both be stored, which is
 * what keeps a key that already signs from being lost. {@code SecretsManagerSigningKeysTest} covers the
 * rest against an in-memory secret that behaves as this test expects Secrets Manager to.
 *
 * <p><b>Skipped without Docker</b> (as on the machine this was written on, where it has never run).
 */
@EnabledIf(value = "dockerIsAvailable", disabledReason = "Docker is not available: the LocalStack path is skipped; "
        + "SecretsManagerSigningKeysTest covers the same logic against an in-memory secret")
@Testcontainers(disabledWithoutDocker = true)
class AdmissionKeysLocalStackIT {

    private static final Instant T0 = Instant.parse("2026-11-23T20:00:00Z");
    private static LocalStackContainer localStack;
    private static SecretsManagerClient client;
    private static String secretArn;

    static boolean dockerIsAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @BeforeAll
    static void createTheSecretAsTheStackDoes() {
        localStack = new LocalStackContainer(DockerImageName.parse(
                        System.getProperty("rushgate.localstack.image", DropsLocalStackIT.DEFAULT_IMAGE))
                        .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("secretsmanager");
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) localStack.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        localStack.start();
        client = SecretsManagerClient.builder().endpointOverride(localStack.getEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        secretArn = client.createSecret(r -> r.name("admission-keys").secretString("{\"keys\":[]}")).arn();
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (localStack != null) localStack.stop();
    }

    private static SecretsManagerSigningKeys process() {
        return new SecretsManagerSigningKeys(SecretsManagerSigningKeys.secret(client, secretArn),
                Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofHours(24), Duration.ofHours(25));
    }

    @Test
    void storesTheFirstKey_forEveryProcess_andRefusesASecondWriteAfterTheSameVersion() {
        // given
        var secret = SecretsManagerSigningKeys.secret(client, secretArn);
        var before = secret.read();

        // when
        Outcome outcome = process().rotateIfDue(T0);

        // then
        assertThat(outcome).isEqualTo(Outcome.FIRST_KEY);
        assertThat(process().signing(T0).getKeyID())
                .isEqualTo(AdmissionKeySet.parse(secret.read().value()).signer().orElseThrow().getKeyID());
        assertThat(secret.replace(before.version(), AdmissionKeySet.empty().rotated(T0, Duration.ofHours(1)).toJson()))
                .as("a second rotation from the version the first one replaced").isFalse();
    }
}
