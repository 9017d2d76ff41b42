package dev.rushgate.feed.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.feed.domain.Profile;
import dev.rushgate.feed.domain.UpstreamCache;
import dev.rushgate.feed.domain.UserService;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.Randomness;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The user service over HTTP: {@code GET <base>/users/{id}} ({@code {"id","displayName"}}, 404 for a user it does
 * not know) and {@code GET <base>/categories} ({@code {"categories":[…]}}).
 * <ul>
 *   <li>Each try times out after {@link Settings#tryTimeout()} (500 ms by default): shorter than the second the
 *       upstream takes before its 500s, so a failing call costs half of that.</li>
 *   <li>Resilience4j Retry: a few tries, exponential backoff with full jitter drawn from {@link Randomness} (so
 *       environments restored from one snapshot do not retry in step).</li>
 *   <li>Resilience4j CircuitBreaker around each try. When it opens, it writes "open until" to the cache, where every
 *       other environment reads it in the same call as its cache read: a thousand environments stop calling a dead
 *       upstream after one of them has counted enough failures, not after each has.</li>
 * </ul>
 */
public final class HttpUserService implements UserService {

    /** Per-try timeout, tries, first backoff, and the breaker's window, threshold and open time. */
    public record Settings(Duration tryTimeout, int attempts, Duration firstBackoff, int window, int minimumCalls,
                           float failureRatePercent, Duration openFor) {
        public static final Settings DEFAULT = new Settings(Duration.ofMillis(500), 3, Duration.ofMillis(100), 20, 10,
                50f, Duration.ofSeconds(30));
    }

    private final URI base;
    private final HttpClient http;
    private final Settings settings;
    private final Retry retry;
    private final CircuitBreaker breaker;

    public HttpUserService(URI base, Settings settings, UpstreamCache shared, Clock clock) {
        this.base = base;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.tryTimeout()).build();
        this.breaker = CircuitBreaker.of("upstream", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordExceptions(TransientFailure.class)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> {
            if (e.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                var now = clock.instant();
                shared.open(now.plus(settings.openFor()), now);
            }
        });
        IntervalFunction exponential = IntervalFunction.ofExponentialBackoff(settings.firstBackoff(), 2.0);
        this.retry = Retry.of("upstream", RetryConfig.custom()
                .maxAttempts(settings.attempts())
                .intervalFunction(attempt -> Randomness.nextLong(exponential.apply(attempt) + 1))
                .retryExceptions(TransientFailure.class)
                .build());
    }

    /** This environment's breaker, for tests and metrics. */
    public CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    @Override
    public Optional<Profile> profile(String userId) {
        return call(() -> {
            HttpResponse<String> response = get("/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8));
            if (response.statusCode() == 404) return Optional.empty();
            JsonNode user = Json.MAPPER.readTree(response.body());
            return Optional.of(new Profile(userId, user.path("displayName").asText(userId), false));
        });
    }

    @Override
    public List<String> categories() {
        return call(() -> {
            JsonNode body = Json.MAPPER.readTree(get("/categories").body());
            List<String> names = new ArrayList<>();
            body.path("categories").forEach(c -> names.add(c.asText()));
            if (names.isEmpty()) throw new Transient("no categories in the answer");
            return List.copyOf(names);
        });
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private <T> T call(Call<T> call) {
        Supplier<T> guarded = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, () -> {
            try {
                return call.run();
            } catch (Transient e) {
                throw new TransientFailure(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailure(new Transient("interrupted"));
            } catch (Exception e) {
                throw new TransientFailure(new Transient(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new Unavailable("upstream breaker open", e);
        } catch (TransientFailure e) {
            throw new Unavailable("upstream failed after " + settings.attempts() + " tries: " + e.getCause().getMessage(), e);
        }
    }

    /** One try: a 2xx or 404 answer, else {@link Transient}. */
    private HttpResponse<String> get(String path) throws Transient, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(settings.tryTimeout())
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Transient("I/O: " + e.getClass().getSimpleName());
        }
        int status = response.statusCode();
        if (status == 404 || status / 100 == 2) return response;
        throw new Transient("HTTP " + status);
    }

    /** A failure worth another try, and one the breaker counts. */
    static final class Transient extends Exception {
        Transient(String message) {
            super(message, null, false, false);
        }
    }

    /** {@link Transient} through Resilience4j's suppliers, which take unchecked exceptions only. */
    static final class TransientFailure extends RuntimeException {
        TransientFailure(Transient cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
