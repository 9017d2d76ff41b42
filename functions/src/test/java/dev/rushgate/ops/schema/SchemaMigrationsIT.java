package dev.rushgate.ops.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaMigrationsIT {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void appliesEveryShippedMigrationOnce() throws Exception {
        // given
        var migrations = new SchemaMigrations(postgres.getPostgresDatabase());

        // when
        SchemaMigrations.Outcome first = migrations.migrate();
        SchemaMigrations.Outcome second = migrations.migrate();

        // then
        assertThat(first.applied()).isPositive();
        assertThat(second.applied()).isZero();
        assertThat(second.version()).isEqualTo(first.version());
        try (Connection db = postgres.getPostgresDatabase().getConnection();
             var rs = db.createStatement().executeQuery(
                     "select count(*) from information_schema.schemata where schema_name = 'rushgate'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
