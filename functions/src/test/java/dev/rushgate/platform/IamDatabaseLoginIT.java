package dev.rushgate.platform;

import dev.rushgate.ops.schema.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The functions' own database role and how they log in as it: the migrations make {@code rushgate_app} with rights on
 * rows and none on the schema, and each new connection presents a fresh token as its password (signed offline here
 * with fixed credentials, as the SDK signs them in Lambda).
 */
class IamDatabaseLoginIT {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        new SchemaMigrations(postgres.getPostgresDatabase()).migrate();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            // what the local stack does in place of IAM: a password for the role
            c.createStatement().execute("alter role rushgate_app password 'token-1'");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static String url() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Test
    void signsATokenForTheRoleAtTheClustersAddress() {
        var tokens = IamDatabaseLogin.tokens("jdbc:postgresql://rushgate.cluster-abc.us-east-1.rds.amazonaws.com:5432/"
                + "rushgate?sslmode=require", "rushgate_app", Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));

        String token = tokens.get();

        assertThat(token).startsWith("rushgate.cluster-abc.us-east-1.rds.amazonaws.com:5432/?")
                .contains("Action=connect").contains("DBUser=rushgate_app").contains("X-Amz-Signature=");
    }

    @Test
    void logsInWithAFreshTokenForEachConnection_andMayChangeRowsButNotTheSchema() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        var source = IamDatabaseLogin.dataSource(url(), "rushgate_app", () -> {
            asked.incrementAndGet();
            return "token-1";
        });

        try (Connection first = source.getConnection(); Connection second = source.getConnection()) {
            assertThat(asked).hasValue(2);
            assertThat(first.getMetaData().getUserName()).isEqualTo("rushgate_app");
            first.createStatement().execute("insert into rushgate.polls (poll_id, question, options, opens_at, "
                    + "closes_at) values ('iam-poll', 'Q?', '[]', now(), now() + interval '1 hour')");
            assertThat(first.createStatement().executeQuery("select count(*) from rushgate.polls where poll_id = "
                    + "'iam-poll'")).satisfies(rs -> assertThat(rs.next() && rs.getInt(1) == 1).isTrue());
            assertThatThrownBy(() -> second.createStatement().execute("create table rushgate.intruder (id int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> second.createStatement().execute("drop table rushgate.polls"))
                    .isInstanceOf(SQLException.class);
        }
        // (the embedded server trusts local logins, so a wrong token is not refused here; Aurora checks it)
    }
}
