package dev.rushgate.localstack.engine;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Picks a port nobody listens on. Some engines cannot bind port 0 and report it back (Redis) or
 * must know the port before binding (Kafka's controller voters, ElasticMQ's queue URLs), so a port is chosen and
 * released just before the engine binds it.
 *
 * <p>Ports come from below Linux's ephemeral range (32768 and up), so the outgoing connections of the engines
 * starting in parallel cannot take a port between its pick and its bind; a port is never handed out twice by this
 * JVM; and {@link #retrying} starts an engine again on a fresh port if it still lost the race.
 */
final class FreePort {
    private static final int LOW = 15_000;
    private static final int HIGH = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {}

    static int pick() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (HANDED_OUT.contains(port) || !bindable(port)) continue;
            if (HANDED_OUT.add(port)) return port;
        }
        throw new IllegalStateException("no free port between " + LOW + " and " + HIGH);
    }

    /** Checked on the wildcard address, where some servers bind whatever they are asked. */
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code start} (which picks its own ports) up to three times while it fails with a port taken. */
    static <T> T retrying(Supplier<T> start) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return start.get();
            } catch (RuntimeException e) {
                if (!causedByBind(e)) throw e;
                last = e;
            }
        }
        throw last;
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
