package dev.rushgate.localstack.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the functions ask of Redis, seen by Redis's own {@code MONITOR}: each command a client sent is one round trip
 * ({@code calls}), and every command run counts, those a Lua script ran inside Redis included ({@code commands}, the
 * lines MONITOR marks {@code [0 lua]}). {@link #settle()} waits until every command sent before it was seen, by
 * sending a marker of its own down a second connection.
 */
final class RedisMonitor implements AutoCloseable {

    private final Socket monitor;
    private final Socket marker;
    private final Thread reader;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicReference<String> lastMarker = new AtomicReference<>("");

    RedisMonitor(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String host = endpoint.substring(0, colon);
        int port = Integer.parseInt(endpoint.substring(colon + 1));
        try {
            monitor = new Socket(host, port);
            marker = new Socket(host, port);
            send(monitor, "MONITOR");
            var lines = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
            if (!"+OK".equals(lines.readLine())) throw new IllegalStateException("MONITOR refused");
            reader = Thread.ofPlatform().daemon().name("redis-monitor").start(() -> read(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read(BufferedReader lines) {
        try {
            for (String line; (line = lines.readLine()) != null; ) {
                int marked = line.indexOf("\"ECHO\" \"calls-marker-");
                if (marked >= 0) {
                    lastMarker.set(line.substring(marked + 8, line.length() - 1));
                    continue;
                }
                commands.incrementAndGet();
                if (!line.contains(" lua] ")) calls.incrementAndGet();
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Round trips and commands seen so far, once every command sent before this call was seen. */
    Counts settle() {
        String id = "calls-marker-" + UUID.randomUUID();
        try {
            send(marker, "ECHO " + id);
            marker.getInputStream().readNBytes(("$" + id.length() + "\r\n" + id + "\r\n").length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!lastMarker.get().equals(id)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("MONITOR did not show the marker");
            Thread.onSpinWait();
        }
        return new Counts(calls.get(), commands.get());
    }

    record Counts(long calls, long commands) {
    }

    /**
     * Redis's own count of the commands it ran ({@code INFO commandstats}, scripts' inner commands included), less
     * what measuring sends: INFO, MONITOR and the markers' ECHO.
     */
    long commandsRun() {
        try {
            send(marker, "INFO commandstats");
            var in = marker.getInputStream();
            StringBuilder header = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) header.append((char) c);
            int length = Integer.parseInt(header.substring(1).trim());
            String stats = new String(in.readNBytes(length + 2), StandardCharsets.UTF_8);
            long total = 0;
            for (String line : stats.split("\r\n")) {
                if (!line.startsWith("cmdstat_") || line.startsWith("cmdstat_info:")
                        || line.startsWith("cmdstat_echo:") || line.startsWith("cmdstat_monitor:")) continue;
                int from = line.indexOf("calls=") + "calls=".length();
                total += Long.parseLong(line.substring(from, line.indexOf(',', from)));
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(Socket socket, String inline) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        monitor.close();
        marker.close();
        reader.interrupt();
    }
}
