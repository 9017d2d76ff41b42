package dev.rushgate.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseCredentialsTest {

    @Test
    void readsUserAndPasswordFromTheLocalForm() {
        // when
        var credentials = DatabaseCredentials.parse("postgres:s3cr:et", arn -> {
            throw new AssertionError("no secret lookup expected");
        });

        // then
        assertThat(credentials).isEqualTo(new DatabaseCredentials("postgres", "s3cr:et"));
    }

    @Test
    void readsAuroraGeneratedSecretByArn() {
        // given
        String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf";

        // when
        var credentials = DatabaseCredentials.parse(arn, a -> a.equals(arn)
                ? "{\"engine\":\"postgres\",\"username\":\"rushgate\",\"password\":\"pw\",\"port\":5432}" : null);

        // then
        assertThat(credentials).isEqualTo(new DatabaseCredentials("rushgate", "pw"));
        assertThat(credentials.toString()).doesNotContain("pw");
    }

    @Test
    void refusesASecretWithoutCredentials() {
        assertThatThrownBy(() -> DatabaseCredentials.parse("nonsense", a -> null))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DatabaseCredentials.parse("arn:aws:secretsmanager:x", a -> "{\"username\":\"u\"}"))
                .isInstanceOf(IllegalStateException.class);
    }
}
