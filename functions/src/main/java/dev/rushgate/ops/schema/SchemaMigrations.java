package dev.rushgate.ops.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Brings the PostgreSQL schema up to date with the migrations shipped in the functions jar
 * ({@code db/migration/V*__*.sql}). Flyway takes a database lock, so concurrent runs wait for each other
 * and a migration is applied once.
 */
public final class SchemaMigrations {
    public static final String LOCATION = "classpath:db/migration";

    private final DataSource database;

    public SchemaMigrations(DataSource database) {
        this.database = database;
    }

    /** Applies what is pending and says what the schema is now. */
    public Outcome migrate() {
        MigrateResult result = Flyway.configure()
                .dataSource(database)
                .locations(LOCATION)
                .load()
                .migrate();
        return new Outcome(result.migrationsExecuted, result.targetSchemaVersion != null
                ? result.targetSchemaVersion : String.valueOf(result.initialSchemaVersion));
    }

    /**
     * @param applied migrations applied by this run (0 when the schema was up to date)
     * @param version the schema version afterwards
     */
    public record Outcome(int applied, String version) {
    }
}
