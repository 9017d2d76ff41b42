package dev.rushgate.localstack.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rushgate.localstack.JdkHttpServers;
import dev.rushgate.platform.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The user service another team runs, as FeedBox met it: profiles and categories over REST, failing on purpose.
 * <ul>
 *   <li>{@code GET /users/{id}} → 200 {@code {"id","displayName"}}; ids starting with {@code ghost} are users it does
 *       not know: 404 {@code {"error":"not_found"}}.</li>
 *   <li>{@code GET /categories} → 200 {@code {"categories":[…]}}: {@link #CATEGORIES}, one more than the stack's
 *       configured fallback ({@code music}), so a test can tell which list it was given.</li>
 *   <li>Flaky by default: {@link Mode#FLAKY} makes 20% of calls wait 1 s, then answer 500, as FeedBox measured. The
 *       draw is from a seeded generator, so a run's sequence of failures is the same each time.</li>
 *   <li>An outage switch: every call answers 503 at once, as a service with no healthy instance behind its load
 *       balancer does.</li>
 * </ul>
 */
public final class UserServiceSimulator implements AutoCloseable {

    public static final List<String> CATEGORIES =
            List.of("news", "tech", "sports", "food", "travel", "culture", "music");

    /** How it fails: the share of calls that fail, how long they wait first, and whether it is down altogether. */
    public record Mode(double failureRate, Duration failureDelay, boolean outage) {
        public static final Mode FLAKY = new Mode(0.2, Duration.ofSeconds(1), false);
        public static final Mode HEALTHY = new Mode(0, Duration.ZERO, false);

        public Mode {
            if (failureRate < 0 || failureRate > 1) throw new IllegalArgumentException("failureRate 0..1");
            if (failureDelay.isNegative()) throw new IllegalArgumentException("failureDelay >= 0");
        }

        public Mode withOutage(boolean down) {
            return new Mode(failureRate, failureDelay, down);
        }
    }

    /** Calls answered, by how. */
    public record Calls(long ok, long failed, long refused) {
        public long total() {
            return ok + failed + refused;
        }
    }

    private final Random draws = new Random(19);
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Mode mode;
    private HttpServer server;

    private UserServiceSimulator(Mode mode) {
        this.mode = mode;
    }

    /** Listens on 127.0.0.1 on a free port. */
    public static UserServiceSimulator start(Mode mode) {
        UserServiceSimulator simulator = new UserServiceSimulator(mode);
        simulator.server = JdkHttpServers.startLoopback("users", Map.of("/users/", simulator::handleUser,
                "/categories", simulator::handleCategories));
        return simulator;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Mode mode() {
        return mode;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public Calls calls() {
        return new Calls(ok.get(), failed.get(), refused.get());
    }

    private void handleUser(HttpExchange exchange) throws IOException {
        String id = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring("/users/".length()),
                StandardCharsets.UTF_8);
        if (!"GET".equals(exchange.getRequestMethod()) || id.isEmpty() || id.contains("/")) {
            answer(exchange, 404, Map.of("error", "not_found"));
            return;
        }
        if (failing(exchange)) return;
        if (id.startsWith("ghost")) {
            answer(exchange, 404, Map.of("error", "not_found"));
        } else {
            answer(exchange, 200, Map.of("id", id, "displayName", displayName(id)));
        }
        ok.incrementAndGet();
    }

    private void handleCategories(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, Map.of("error", "method_not_allowed"));
            return;
        }
        if (failing(exchange)) return;
        answer(exchange, 200, Map.of("categories", CATEGORIES));
        ok.incrementAndGet();
    }

    /** "u-7" is "U-7", the name a user service makes up from an id for the test users it knows. */
    static String displayName(String id) {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }

    /** Answers this call the way the mode fails it, if it does. */
    private boolean failing(HttpExchange exchange) throws IOException {
        Mode now = mode;
        if (now.outage()) {
            refused.incrementAndGet();
            answer(exchange, 503, Map.of("error", "no_healthy_upstream"));
            return true;
        }
        boolean fail;
        synchronized (draws) {
            fail = draws.nextDouble() < now.failureRate();
        }
        if (!fail) return false;
        try {
            Thread.sleep(now.failureDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failed.incrementAndGet();
        answer(exchange, 500, Map.of("error", "internal_error"));
        return true;
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try (exchange) {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client gave up first (its timeout is shorter than the failure's delay): nothing to answer
        }
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
    }
}
