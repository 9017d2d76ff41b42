package dev.rushgate.localstack;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Makes this process's JDK HTTP servers. Their settings are system properties that the JDK reads once, when
 * the first server of the JVM is made, so every server the stack starts is made here: whichever comes first
 * (the gateway, or in a test the payment simulator) then has the gateway's settings, not the JDK's defaults.
 */
public final class JdkHttpServers {

    static {
        // Without nodelay small answers wait for more bytes; with the default 200 idle keep-alive connections, a
        // crowd of clients finds its pooled connections closed.
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "10000");
        // Keep idle connections longer than clients do. The JDK's server and its HttpClient both give up on an
        // idle connection after 30 s, so a client could send a POST just as the server closed it, and fail
        // ("header parser received no bytes"); 75 s, as nginx, outlasts the usual client limits (30 to 60 s).
        setIfAbsent("sun.net.httpserver.idleInterval", "75");
    }

    private JdkHttpServers() {
    }

    /** A server bound to {@code address}, not yet started. */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        return HttpServer.create(address, backlog);
    }

    /**
     * A simulator's server on 127.0.0.1 and a free port, started: a virtual thread per exchange, so a slow answer never
     * holds up the others.
     *
     * @param name     the simulator's name, for its threads and its error
     * @param contexts path prefix to handler
     */
    public static HttpServer startLoopback(String name, java.util.Map<String, HttpHandler> contexts) {
        try {
            HttpServer server = create(new InetSocketAddress("127.0.0.1", 0), 64);
            contexts.forEach(server::createContext);
            server.setExecutor(java.util.concurrent.Executors.newThreadPerTaskExecutor(
                    Thread.ofVirtual().name(name + "-", 0).factory()));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(name + " simulator did not start", e);
        }
    }

    private static void setIfAbsent(String name, String value) {
        if (System.getProperty(name) == null) System.setProperty(name, value);
    }
}
