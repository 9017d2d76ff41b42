package dev.rushgate.localstack.payments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rushgate.localstack.JdkHttpServers;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The only fake in the stack: a small Stripe-like payment provider over HTTP, so the real provider adapter
 * (retries, idempotency keys, declines) runs locally. {@code POST /v1/charges} takes form fields {@code amount},
 * {@code currency} and {@code source}, needs {@code Authorization: Bearer <secret>} and an {@code Idempotency-Key}.
 * A key seen before replays its stored answer (header {@code Idempotent-Replayed: true}) and charges nothing.
 *
 * <ul>
 *   <li>{@code tok_ok}: charged, 200 {@code {"id":"ch_…","status":"succeeded"}}.</li>
 *   <li>{@code tok_declined} (and any unknown token): 402 {@code {"error":{"type":"card_error","code":…}}}, stored.</li>
 *   <li>{@code tok_flaky}: fails transiently twice, then succeeds. The first try answers 503 before charging;
 *       the second charges, stores the success, and still answers 503 (an answer lost on the way back); the third
 *       replays the stored success. Without the idempotency key a client would charge twice.</li>
 *   <li>{@code tok_hang}: accepts the request and never answers (until the simulator stops), charging nothing: a
 *       provider that hangs, which the client must give up on within its own deadline.</li>
 *   <li>{@code tok_timeout}: charges at once, then on the first try never answers (until the simulator stops): a
 *       provider that times out after charging. A retry with the same key replays the stored success; without the
 *       key a client would charge twice.</li>
 * </ul>
 * {@code POST /v1/refunds} takes {@code charge} and {@code amount}, under the same key and idempotency rules: 200
 * {@code {"id":"re_…","status":"succeeded"}}; 404 for a charge it never made; 400 {@code amount_too_large} beyond
 * what is left of the charge. A refund of a {@code tok_flaky} charge fails like its charge did: 503 before
 * refunding, then 503 after refunding, then the stored success.
 * {@code GET /v1/charges} and {@code GET /v1/refunds} list what was charged and refunded, for tests and curious
 * people.
 */
public final class PaymentSimulator implements AutoCloseable {

    /** One charge made: what a card was really charged. */
    public record Charge(String id, String idempotencyKey, long amount, String source) {}

    /** One refund made: what was really paid back of a charge. */
    public record Refund(String id, String idempotencyKey, String charge, long amount) {}

    private record Answer(int status, String body) {}

    public static final String SECRET = "sk_test_rushgate_local";

    private HttpServer server;
    private final Map<String, Answer> stored = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    private final List<Charge> charges = new ArrayList<>();
    private final Map<String, Answer> storedRefunds = new ConcurrentHashMap<>();
    private final List<Refund> refunds = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final java.util.concurrent.atomic.LongAdder requests = new java.util.concurrent.atomic.LongAdder();

    private PaymentSimulator() {
    }

    /** Listens on 127.0.0.1 on a free port. */
    public static PaymentSimulator start() {
        PaymentSimulator simulator = new PaymentSimulator();
        // a hanging tok_hang must not hold up the other cards: a thread per exchange
        simulator.server = JdkHttpServers.startLoopback("payments", Map.of("/v1/charges", simulator::handleCharges,
                "/v1/refunds", simulator::handleRefunds));
        return simulator;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests answered so far, charges and refunds, GET or POST, replays and failures alike: the provider's calls. */
    public long requests() {
        return requests.sum();
    }

    /** Every charge made so far. */
    public synchronized List<Charge> charges() {
        return List.copyOf(charges);
    }

    /** Every refund made so far. */
    public synchronized List<Refund> refunds() {
        return List.copyOf(refunds);
    }

    private void handleCharges(HttpExchange exchange) throws IOException {
        requests.increment();
        serve(exchange, this::charges, c -> "{\"id\":\"" + c.id() + "\",\"amount\":" + c.amount()
                + ",\"idempotencyKey\":\"" + c.idempotencyKey() + "\"}", stored, this::decide);
    }

    private void handleRefunds(HttpExchange exchange) throws IOException {
        requests.increment();
        serve(exchange, this::refunds, r -> "{\"id\":\"" + r.id() + "\",\"charge\":\"" + r.charge()
                + "\",\"amount\":" + r.amount() + "}", storedRefunds, this::decideRefund);
    }

    /** GET lists what was made; POST makes one more (see {@link #post}). */
    private static <T> void serve(HttpExchange exchange, Supplier<List<T>> made, Function<T, String> json,
                                  Map<String, Answer> answered, BiFunction<String, Map<String, String>, Answer> decide)
            throws IOException {
        try (exchange) {
            if (exchange.getRequestMethod().equals("GET")) {
                send(exchange, new Answer(200, made.get().stream().map(json)
                        .collect(Collectors.joining(",", "{\"data\":[", "]}"))), false);
                return;
            }
            post(exchange, answered, decide);
        }
    }

    /** A POST: the secret key and an idempotency key checked, then a stored answer replayed or a new one decided. */
    private static void post(HttpExchange exchange, Map<String, Answer> answered,
                             BiFunction<String, Map<String, String>, Answer> decide) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, error(405, "invalid_request_error", "method_not_allowed"), false);
            return;
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + SECRET).equals(auth)) {
            send(exchange, error(401, "invalid_request_error", "invalid_api_key"), false);
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isBlank()) {
            send(exchange, error(400, "invalid_request_error", "idempotency_key_required"), false);
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Answer replay = answered.get(key);
        if (replay != null) {
            send(exchange, replay, true);
            return;
        }
        send(exchange, decide.apply(key, form), false);
    }

    private Answer decide(String key, Map<String, String> form) {
        Long amount = amount(form);
        if (amount == null) return error(400, "invalid_request_error", "amount_invalid");
        String source = form.getOrDefault("source", "");
        switch (source) {
            case "tok_ok" -> {
                return stored.computeIfAbsent(key, k -> charge(k, amount, source));
            }
            case "tok_flaky" -> {
                if (firstTry(key)) return error(503, "api_error", "temporarily_unavailable");
                stored.computeIfAbsent(key, k -> charge(k, amount, source));
                return error(503, "api_error", "temporarily_unavailable"); // charged, but the answer is lost
            }
            case "tok_timeout" -> {
                boolean first = firstTry(key);
                Answer charged = stored.computeIfAbsent(key, k -> charge(k, amount, source));
                if (first) hang(); // charged, and the client times out waiting for the answer
                return charged;
            }
            case "tok_hang" -> {
                hang();
                return error(503, "api_error", "shutting_down");
            }
            case "tok_declined" -> {
                return stored.computeIfAbsent(key, k -> error(402, "card_error", "card_declined"));
            }
            default -> {
                return stored.computeIfAbsent(key, k -> error(402, "card_error", "invalid_source"));
            }
        }
    }

    private Answer decideRefund(String key, Map<String, String> form) {
        Long amount = amount(form);
        if (amount == null) return error(400, "invalid_request_error", "amount_invalid");
        String chargeId = form.getOrDefault("charge", "");
        Charge charge = charges().stream().filter(c -> c.id().equals(chargeId)).findFirst().orElse(null);
        if (charge == null) return error(404, "invalid_request_error", "resource_missing");
        if (charge.source().equals("tok_flaky")) {
            if (firstTry(key)) return error(503, "api_error", "temporarily_unavailable");
            Answer made = refund(key, charge, amount);
            // refunded, but the answer is lost; a failure (too large) is not stored, as the provider does not
            return made.status() == 200 ? error(503, "api_error", "temporarily_unavailable") : made;
        }
        return refund(key, charge, amount);
    }

    /** The form's amount, or null when it is not a number. */
    private static Long amount(Map<String, String> form) {
        try {
            return Long.parseLong(form.getOrDefault("amount", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Holds the exchange until the simulator stops: the client sees a request that is never answered. */
    private void hang() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts a try under {@code key}: true for the first (which a flaky card fails before doing anything). */
    private boolean firstTry(String key) {
        return attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() == 1;
    }

    /** Refunds under {@code key} once; the answer is stored when it refunded. */
    private synchronized Answer refund(String key, Charge charge, long amount) {
        Answer done = storedRefunds.get(key);
        if (done != null) return done;
        long refunded = refunds.stream().filter(r -> r.charge().equals(charge.id())).mapToLong(Refund::amount).sum();
        if (amount <= 0) return error(400, "invalid_request_error", "amount_invalid");
        if (amount > charge.amount() - refunded) return error(400, "invalid_request_error", "amount_too_large");
        String id = "re_" + ids.incrementAndGet();
        refunds.add(new Refund(id, key, charge.id(), amount));
        Answer answer = new Answer(200, "{\"id\":\"" + id + "\",\"object\":\"refund\",\"charge\":\"" + charge.id()
                + "\",\"amount\":" + amount + ",\"status\":\"succeeded\"}");
        storedRefunds.put(key, answer);
        return answer;
    }

    private Answer charge(String key, long amount, String source) {
        String id = "ch_" + ids.incrementAndGet();
        synchronized (this) {
            charges.add(new Charge(id, key, amount, source));
        }
        return new Answer(200, "{\"id\":\"" + id + "\",\"object\":\"charge\",\"amount\":" + amount
                + ",\"currency\":\"eur\",\"status\":\"succeeded\"}");
    }

    private static Answer error(int status, String type, String code) {
        return new Answer(status, "{\"error\":{\"type\":\"" + type + "\",\"code\":\"" + code + "\"}}");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange exchange, Answer answer, boolean replayed) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (replayed) exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
    }
}
