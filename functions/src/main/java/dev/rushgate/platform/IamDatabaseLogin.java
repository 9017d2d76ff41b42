package dev.rushgate.platform;

import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Logging in to Aurora PostgreSQL as the functions' own role with IAM database authentication: no password is stored
 * anywhere, and no function but the schema migrations holds the master user's secret. Each new connection presents a
 * fresh token (valid 15 minutes; a connection once open stays open).
 */
public final class IamDatabaseLogin {
    private IamDatabaseLogin() {}

    /** A token for {@code user} at the database {@code jdbcUrl} names, signed with the function's own credentials. */
    public static Supplier<String> tokens(String jdbcUrl, String user, Region region, AwsCredentialsProvider credentials) {
        URI address = URI.create(jdbcUrl.substring("jdbc:".length()));
        int port = address.getPort() < 0 ? 5432 : address.getPort();
        RdsUtilities rds = RdsUtilities.builder().region(region).credentialsProvider(credentials).build();
        return () -> rds.generateAuthenticationToken(b -> b.hostname(address.getHost()).port(port).username(user));
    }

    /** Connections for {@code user}, each logged in with the next of {@code tokens} as its password. */
    public static DataSource dataSource(String jdbcUrl, String user, Supplier<String> tokens) {
        PGSimpleDataSource source = new PGSimpleDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return super.getConnection(user, tokens.get());
            }
        };
        source.setUrl(jdbcUrl);
        return source;
    }
}
