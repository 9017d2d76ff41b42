package dev.rushgate.localstack.engine;

/** One embedded engine, started by {@link Engines}. {@code close()} must be idempotent and never throw. */
interface Engine extends AutoCloseable {

    /** Short name used in logs and in {@link Engines#describe()}. */
    String name();

    /** Where clients reach it, for humans. */
    String address();

    @Override
    void close();
}
