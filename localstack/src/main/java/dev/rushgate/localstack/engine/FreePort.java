package dev.rushgate.localstack.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks a port nobody listens on. Some engines cannot bind port 0 and report it back (DynamoDB Local, Redis) or
 * must know the port before binding (Kafka's controller voters, ElasticMQ's queue URLs), so a port is chosen and
 * released just before the engine binds it; the small race is acceptable on a developer's machine.
 */
final class FreePort {
    private FreePort() {}

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
