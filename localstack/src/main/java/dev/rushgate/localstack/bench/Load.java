package dev.rushgate.localstack.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed loop of {@code connections} keep-alive HTTP/1.1 clients, each sending the next request as soon
 * as the last is answered, for a time or until a number of requests is spent. Requests rotate over the
 * given list, so each request comes from the next user.
 *
 * <p>Written on NIO selectors, two threads for all connections, as wrk is: the client shares the machine
 * with the stack it measures, and a thread per connection (or the JDK HttpClient) spent the CPU the server
 * needed, so the benchmark measured its own client. Nothing on Maven Central fitted (wrk is C; Gatling and
 * JMeter are whole tools); this is the smallest thing that does.
 */
final class Load {

    /**
     * What one phase measured. {@code stackCpu} is the CPU time the stack's processes (its JVM, Redis,
     * PostgreSQL) spent during the phase, null when this run did not start the stack; {@code clientCpu} the
     * load client's. Per request, they say what a request costs apart from how the two cores were shared.
     */
    record Result(String name, long requests, Duration elapsed, Histogram latency, Map<Integer, Long> statuses,
                  long errors, Duration stackCpu, Duration clientCpu) {
        double perSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }

        /** Microseconds of the stack's CPU per request, or NaN when unknown. */
        double stackMicros() {
            return stackCpu == null || requests == 0 ? Double.NaN : stackCpu.toNanos() / 1e3 / requests;
        }

        double clientMicros() {
            return clientCpu == null || requests == 0 ? Double.NaN : clientCpu.toNanos() / 1e3 / requests;
        }

        double p50Millis() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99Millis() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }
    }

    /** Reads the CPU time the stack has used so far: set when this run started the stack, else unknown. */
    private static volatile Supplier<Duration> stackCpu = () -> null;

    private Load() {}

    /** From now on every phase also reports the CPU that {@code cpu} says the stack spent during it. */
    static void measureStackCpu(Supplier<Duration> cpu) {
        stackCpu = cpu;
    }

    /** CPU time used by this process (the load client) so far, or null where the platform does not say. */
    static Duration clientCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(null);
    }

    private static Duration between(Duration before, Duration after) {
        return before == null || after == null ? null : after.minus(before);
    }

    static Result run(String name, URI target, List<byte[]> requests, int connections, Duration duration,
                      long maxRequests) throws InterruptedException {
        return run(name, target, requests, connections, duration, maxRequests, new String[0]);
    }

    /**
     * As {@link #run(String, URI, List, int, Duration, long)}, keeping the body of answer {@code n} in
     * {@code bodies[n]} for the first {@code bodies.length} requests: how a scenario learns what the server
     * made (an entry's id) without a second, slower client.
     */
    static Result run(String name, URI target, List<byte[]> requests, int connections, Duration duration,
                      long maxRequests, String[] bodies) throws InterruptedException {
        var address = new InetSocketAddress(target.getHost(), target.getPort());
        AtomicLong next = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        int loops = Math.min(2, connections);
        List<Loop> workers = new ArrayList<>();
        Duration stackBefore = stackCpu.get();
        Duration clientBefore = clientCpu();
        long started = System.nanoTime();
        for (int i = 0; i < loops; i++) {
            int share = connections / loops + (i < connections % loops ? 1 : 0);
            workers.add(new Loop(address, requests, share, next, maxRequests, deadline, bodies));
        }
        List<Thread> threads = workers.stream().map(w -> Thread.ofPlatform().name("load").start(w)).toList();
        for (Thread thread : threads) thread.join();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        Duration stackSpent = between(stackBefore, stackCpu.get());
        Duration clientSpent = between(clientBefore, clientCpu());
        Histogram total = new Histogram(60_000_000L, 3);
        Map<Integer, Long> statuses = new TreeMap<>();
        long errors = 0;
        for (Loop w : workers) {
            total.add(w.latency);
            w.statuses.forEach((s, n) -> statuses.merge(s, n, Long::sum));
            errors += w.errors;
        }
        return new Result(name, total.getTotalCount(), elapsed, total, statuses, errors, stackSpent, clientSpent);
    }

    /** One selector thread driving its share of the connections. */
    private static final class Loop implements Runnable {
        private final InetSocketAddress address;
        private final List<byte[]> requests;
        private final int connections;
        private final AtomicLong next;
        private final long maxRequests;
        private final long deadline;
        private final String[] bodies;
        final Histogram latency = new Histogram(60_000_000L, 3);
        final Map<Integer, Long> statuses = new TreeMap<>();
        long errors;

        Loop(InetSocketAddress address, List<byte[]> requests, int connections, AtomicLong next, long maxRequests,
             long deadline, String[] bodies) {
            this.address = address;
            this.requests = requests;
            this.connections = connections;
            this.next = next;
            this.maxRequests = maxRequests;
            this.deadline = deadline;
            this.bodies = bodies;
        }

        @Override
        public void run() {
            try (Selector selector = Selector.open()) {
                for (int i = 0; i < connections; i++) open(selector);
                while (!selector.keys().isEmpty()) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) break;
                    selector.select(Math.min(left, 100));
                    for (SelectionKey key : selector.selectedKeys()) {
                        Conn conn = (Conn) key.attachment();
                        try {
                            if (key.isConnectable() && conn.channel.finishConnect()) sendNext(key, conn);
                            else if (key.isWritable()) write(key, conn);
                            else if (key.isReadable()) read(key, conn, selector);
                        } catch (IOException e) {
                            errors++;
                            key.cancel();
                            conn.channel.close();
                            if (conn.inFlight) open(selector); // the answer never came: start over on a new connection
                        }
                    }
                    selector.selectedKeys().clear();
                }
                for (SelectionKey key : selector.keys()) key.channel().close();
            } catch (IOException e) {
                throw new IllegalStateException("load loop failed", e);
            }
        }

        private void open(Selector selector) throws IOException {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(address);
            channel.register(selector, SelectionKey.OP_CONNECT, new Conn(channel));
        }

        private void sendNext(SelectionKey key, Conn conn) throws IOException {
            long n = next.getAndIncrement();
            if (n >= maxRequests || System.nanoTime() >= deadline) {
                key.cancel();
                conn.channel.close();
                return;
            }
            conn.out = ByteBuffer.wrap(requests.get((int) (n % requests.size())));
            conn.number = n;
            conn.sentAt = System.nanoTime();
            conn.inFlight = true;
            write(key, conn);
        }

        private void write(SelectionKey key, Conn conn) throws IOException {
            conn.channel.write(conn.out);
            key.interestOps(conn.out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        private void read(SelectionKey key, Conn conn, Selector selector) throws IOException {
            if (conn.channel.read(conn.in) < 0) throw new IOException("closed by the server");
            int status = conn.parse(bodies);
            if (status == 0) return; // not complete yet
            latency.recordValue(Math.min((System.nanoTime() - conn.sentAt) / 1000, 60_000_000L));
            statuses.merge(status, 1L, Long::sum);
            conn.inFlight = false;
            if (conn.closeAfter) {
                key.cancel();
                conn.channel.close();
                open(selector);
            } else {
                sendNext(key, conn);
            }
        }
    }

    /** One connection's buffers and the state of its request in flight. */
    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        ByteBuffer out;
        long number;
        long sentAt;
        boolean inFlight;
        boolean closeAfter;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }

        /**
         * The status once a whole response is in {@code in} (and consumes it, keeping its body in
         * {@code bodies[number]} when there is room), else 0.
         */
        int parse(String[] bodies) throws IOException {
            byte[] b = in.array();
            int end = in.position();
            int headerEnd = -1;
            for (int i = 0; i + 3 < end; i++) {
                if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                    headerEnd = i;
                    break;
                }
            }
            if (headerEnd < 0) {
                if (end == b.length) throw new IOException("headers larger than the buffer");
                return 0;
            }
            int status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
            String headers = new String(b, 0, headerEnd, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase();
            int length = 0;
            int at = headers.indexOf("\ncontent-length:");
            if (at >= 0) {
                int eol = headers.indexOf('\r', at + 1);
                length = Integer.parseInt(headers.substring(at + 16, eol < 0 ? headers.length() : eol).trim());
            }
            if (headers.contains("\ntransfer-encoding:")) throw new IOException("chunked answers are not expected");
            int total = headerEnd + 4 + length;
            if (end < total) {
                if (total > b.length) throw new IOException("answer larger than the buffer");
                return 0;
            }
            closeAfter = headers.contains("\nconnection: close");
            if (number < bodies.length) {
                bodies[(int) number] = new String(b, headerEnd + 4, length, java.nio.charset.StandardCharsets.UTF_8);
            }
            System.arraycopy(b, total, b, 0, end - total);
            in.position(end - total);
            return status;
        }
    }
}
