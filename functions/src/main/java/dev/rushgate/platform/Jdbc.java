package dev.rushgate.platform;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Work on one pooled connection: alone, or as one transaction that commits or rolls back whole. */
public final class Jdbc {
    private Jdbc() {}

    /** Where a connection is waited for when a deadline bounds the wait (the pool's own wait has a fixed bound). */
    private static final Executor WAITS = Executors.newVirtualThreadPerTaskExecutor();
    /** Network timeouts fire here: the driver closes the connection and the pool drops it. */
    private static final Executor DIRECT = Runnable::run;

    /** What runs on the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} with auto-commit; {@code what} names it when it fails. */
    public static <T> T query(DataSource database, String what, Work<T> work) {
        try (Connection c = connect(database, what)) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " failed", e);
        }
    }

    /** Runs {@code work} as one transaction: committed when it returns, rolled back when it throws. */
    public static <T> T inTransaction(DataSource database, String what, Work<T> work) {
        try (Connection c = connect(database, what)) {
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

    /**
     * A pooled connection. Under a consumer's {@link Deadline} every wait is bounded by it: nothing starts once it has
     * passed, the wait for a connection (an Aurora resuming from pause can take seconds) ends with it, and so does
     * every read on the connection (its network timeout; the driver then closes it, and a transaction not committed
     * is rolled back by the server). Without a deadline this is the pool's plain connection.
     */
    public static Connection connect(DataSource database, String what) throws SQLException {
        Optional<Deadline> current = Deadline.current();
        if (current.isEmpty()) return database.getConnection();
        if (current.get().passed()) throw new Deadline.Exceeded(what);
        CompletableFuture<Connection> lent = CompletableFuture.supplyAsync(() -> {
            try {
                return database.getConnection();
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, WAITS);
        Connection c;
        try {
            c = lent.get(current.get().remaining().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lent.thenAccept(Jdbc::giveBack); // it may still come: back to the pool with it
            throw new Deadline.Exceeded(what + " (waiting for a connection)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lent.thenAccept(Jdbc::giveBack);
            throw new Deadline.Exceeded(what + " (interrupted)");
        } catch (ExecutionException e) {
            // get() unwraps the CompletionException the supplier threw: the cause is the pool's SQLException
            if (e.getCause() instanceof SQLException sql) throw sql;
            throw new IllegalStateException(what + " failed", e.getCause());
        }
        long left = current.get().remaining().toMillis();
        if (left <= 0) {
            giveBack(c);
            throw new Deadline.Exceeded(what);
        }
        c.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, left));
        return c;
    }

    private static void giveBack(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the pool drops a connection it cannot take back
        }
    }
}
