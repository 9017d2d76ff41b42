package dev.rushgate.localstack.plan;

import dev.rushgate.platform.Clients;
import dev.rushgate.wiring.EnvNames;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * The transactions the functions commit in PostgreSQL (Aurora in the cloud), counted at their JDBC connections: a
 * {@code commit()} after work, and each statement run with auto-commit on (a transaction of its own on the server).
 * The server's own {@code xact_commit} cannot tell them apart from the DynamoDB engine's, which keeps its tables in
 * the same database. Only connections of the functions' role ({@value EnvNames#DATABASE_APP_ROLE}) are counted.
 *
 * <p>{@link #install()} puts a counting driver before PostgreSQL's in {@link DriverManager} and has the functions'
 * pool log in again through it.
 */
final class AppTransactions implements Driver {

    private static final LongAdder COMMITTED = new LongAdder();
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private final Driver postgres;

    private AppTransactions(Driver postgres) {
        this.postgres = postgres;
    }

    static synchronized void install() throws SQLException {
        if (INSTALLED.get()) return;
        Driver postgres = DriverManager.getDriver("jdbc:postgresql://localhost/postgres");
        DriverManager.deregisterDriver(postgres);
        DriverManager.registerDriver(new AppTransactions(postgres));
        DriverManager.registerDriver(postgres);
        INSTALLED.set(true);
        Clients.get().reopenDatabase();
    }

    static long committed() {
        return COMMITTED.sum();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        Connection connection = postgres.connect(url, info);
        if (connection == null || !EnvNames.DATABASE_APP_ROLE.equals(info.getProperty("user"))) return connection;
        return proxy(Connection.class, connection, new Counting(connection));
    }

    /** Counts on the connection and on every statement made from it. */
    private record Counting(Connection connection) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = call(connection, method, args);
            if (method.getName().equals("commit")) COMMITTED.increment();
            if (result instanceof Statement statement && method.getReturnType().isInterface()) {
                return proxy(method.getReturnType(), statement, new Statements(statement, connection));
            }
            return result;
        }
    }

    private record Statements(Statement statement, Connection connection) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result = call(statement, method, args);
            if (method.getName().startsWith("execute") && connection.getAutoCommit()) COMMITTED.increment();
            return result;
        }
    }

    /** The real object's answer, or what it threw as itself. */
    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, Object target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(AppTransactions.class.getClassLoader(), new Class<?>[]{type}, handler);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return postgres.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return postgres.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return postgres.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return postgres.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return postgres.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return postgres.getParentLogger();
    }
}
