package dev.rushgate.tickets.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.platform.Deadline;
import dev.rushgate.platform.Json;
import dev.rushgate.tickets.domain.PaymentProvider;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A Stripe-like provider over HTTP: {@code POST <base>/v1/charges} (form-encoded amount, currency, source) and
 * {@code POST <base>/v1/refunds} (charge, amount), with the secret key as bearer and an {@code Idempotency-Key}
 * (for a charge the order id), so a retry after a lost answer replays the first result instead of charging or
 * refunding again. Transient failures (I/O, 429, 5xx) are retried here
 * with exponential backoff (Resilience4j), a few times; then {@link PaymentUnavailable} leaves the message to
 * the queue's own redelivery and, in the end, its DLQ. A 402 is a decline.
 *
 * <p>Under a consumer's {@link Deadline} every wait is bounded by it: each try's timeout is cut to what is left, and
 * no try starts with less than {@link #LEAST_FOR_A_TRY} left; then {@link PaymentUnavailable}, as for a provider
 * that is down. A provider that hangs thus costs the invocation its deadline, never its timeout.
 */
public final class HttpPaymentProvider implements PaymentProvider {

    private final URI charges;
    private final URI refunds;
    private final String secretKey;
    private final HttpClient http;
    private final Retry retry;

    /** A try given less than this would time out before a provider could answer. */
    static final Duration LEAST_FOR_A_TRY = Duration.ofMillis(500);
    /** The provider is a well-known endpoint: a connection not made in a second is a provider that is down. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration TRY_TIMEOUT = Duration.ofSeconds(10);

    public HttpPaymentProvider(URI baseUrl, String secretKey, int attempts, Duration firstBackoff) {
        this.charges = baseUrl.resolve("/v1/charges");
        this.refunds = baseUrl.resolve("/v1/refunds");
        this.secretKey = secretKey;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        this.retry = Retry.of("payments", RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstBackoff, 2.0))
                .retryExceptions(Transient.class)
                .build());
    }

    @Override
    public Outcome charge(String idempotencyKey, String paymentToken, long amountCents) {
        String form = "amount=" + amountCents + "&currency=eur&source=" + URLEncoder.encode(paymentToken, StandardCharsets.UTF_8);
        return withRetries(() -> {
            HttpResponse<String> response = post(charges, idempotencyKey, form);
            int status = response.statusCode();
            if (status == 200) return new Outcome.Charged(Json.MAPPER.readTree(response.body()).path("id").asText());
            if (status == 402) {
                JsonNode error = Json.MAPPER.readTree(response.body()).path("error");
                return new Outcome.Declined(error.path("code").asText("card_declined"));
            }
            throw refused(response);
        });
    }

    @Override
    public String refund(String idempotencyKey, String chargeId, long amountCents) {
        String form = "charge=" + URLEncoder.encode(chargeId, StandardCharsets.UTF_8) + "&amount=" + amountCents;
        return withRetries(() -> {
            HttpResponse<String> response = post(refunds, idempotencyKey, form);
            if (response.statusCode() == 200) return Json.MAPPER.readTree(response.body()).path("id").asText();
            throw refused(response);
        });
    }

    private <T> T withRetries(Callable<T> call) {
        try {
            return retry.executeCallable(call);
        } catch (Transient e) {
            throw new PaymentUnavailable("payment provider unavailable after retries: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PaymentUnavailable("payment failed", e);
        }
    }

    /** One try: the provider's answer, or {@link Transient} when it could not give one. */
    private HttpResponse<String> post(URI endpoint, String idempotencyKey, String form)
            throws Transient, OutOfTime, InterruptedException {
        Duration timeout = TRY_TIMEOUT;
        Optional<Deadline> deadline = Deadline.current();
        if (deadline.isPresent()) {
            // the connection may take its own timeout first; what is left after it bounds the answer
            Duration left = deadline.get().remaining().minus(CONNECT_TIMEOUT);
            if (left.compareTo(LEAST_FOR_A_TRY) < 0) throw new OutOfTime();
            if (left.compareTo(timeout) < 0) timeout = left;
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Authorization", "Bearer " + secretKey)
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Transient("I/O: " + e.getClass().getSimpleName());
        }
        if (response.statusCode() == 429 || response.statusCode() >= 500) throw new Transient("HTTP " + response.statusCode());
        return response;
    }

    /** 400/401/404: our request or our key is wrong; retrying will not help, redelivery may after a fix. */
    private static IllegalStateException refused(HttpResponse<String> response) {
        return new IllegalStateException("payment provider refused the request: HTTP " + response.statusCode() + " " + response.body());
    }

    /** No time left under the consumer's deadline for another try: not retried here, left for redelivery. */
    static final class OutOfTime extends Exception {
        OutOfTime() {
            super("no time left for another try before the invocation's deadline", null, false, false);
        }
    }

    /** A failure worth another try. */
    static final class Transient extends Exception {
        Transient(String message) {
            super(message, null, false, false);
        }
    }
}
