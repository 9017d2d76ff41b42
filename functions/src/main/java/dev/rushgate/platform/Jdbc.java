package dev.rushgate.platform;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Work on one pooled connection: alone, or as one transaction that commits or rolls back whole. */
public final class Jdbc {
    private Jdbc() {}

    /** What runs on the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} with auto-commit; {@code what} names it when it fails. */
    public static <T> T query(DataSource database, String what, Work<T> work) {
        try (Connection c = database.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    /** Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(DataSource database, String what, Work<T> work) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }
}
