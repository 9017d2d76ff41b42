package dev.rushgate.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rushgate.ops.schema.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What lets Aurora pause: the functions' sessions end when idle, on the server's side (migration V6) and the pool's,
 * and the pool lends a working connection after the server ended its session.
 */
class IdleSessionsIT {

    private static EmbeddedPostgres postgres;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        new SchemaMigrations(postgres.getPostgresDatabase()).migrate();
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("alter role rushgate_app password 'app'");
        }
        url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void theAppRolesSessionsEndAfterAMinuteIdle_whileTheMastersDoNot() throws Exception {
        try (Connection app = DriverManager.getConnection(url, "rushgate_app", "app");
             Connection master = postgres.getPostgresDatabase().getConnection()) {
            assertThat(user(app)).isEqualTo("rushgate_app");
            assertThat(setting(app)).isEqualTo("1min");
            assertThat(setting(master)).isEqualTo("0");
        }
    }

    @Test
    void theServerEndsAnIdleSession_andThePoolStillLendsAWorkingConnection() throws Exception {
        // given a session of the app role with a short idle limit, as V6 sets a long one
        try (Connection app = DriverManager.getConnection(url, "rushgate_app", "app")) {
            app.createStatement().execute("set idle_session_timeout = '500ms'");

            // when it stays idle past it
            Thread.sleep(1_500);

            // then the server has ended it
            assertThatThrownBy(() -> app.createStatement().execute("select 1")).isInstanceOf(SQLException.class);
        }

        // and a pool with the functions' settings, whose connection the server ended while it sat idle
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("rushgate_app");
        config.setPassword("app");
        config.setConnectionInitSql("set idle_session_timeout = '500ms'");
        Clients.pool(config, 2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection()) {
                c.createStatement().execute("select 1");
            }
            Thread.sleep(1_500);
            try (Connection c = pool.getConnection(); var rs = c.createStatement().executeQuery("select 42")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    private static String user(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("select current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String setting(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("show idle_session_timeout")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
