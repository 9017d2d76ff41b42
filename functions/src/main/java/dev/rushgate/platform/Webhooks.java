package dev.rushgate.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One POST of JSON to a webhook, with {@code Idempotency-Key}: taken on a 2xx within 5 s (cut to what is left of a
 * consumer's {@link Deadline}), else {@link NotTaken} with the reason. Redirects are not followed. The notices and the
 * operators' alerts post through it; each turns {@link NotTaken} into its own port's refusal.
 */
public final class Webhooks {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private Webhooks() {}

    /** The webhook did not take the post: no time left, no answer, or not a 2xx. */
    public static final class NotTaken extends RuntimeException {
        NotTaken(String message) {
            super(message);
        }
    }

    /** @param name what the webhook is called in the refusal's reason */
    public static void post(String name, URI url, String idempotencyKey, Object body) {
        Duration timeout = Deadline.current().map(Deadline::remaining).filter(left -> left.compareTo(TIMEOUT) < 0)
                .orElse(TIMEOUT);
        if (timeout.toMillis() < 100) throw new NotTaken("no time left to call the " + name);
        int status;
        try {
            status = HTTP.send(HttpRequest.newBuilder(url).timeout(timeout)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", idempotencyKey)
                            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new NotTaken(name + " did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotTaken(name + " call interrupted");
        }
        if (status / 100 != 2) throw new NotTaken(name + " answered " + status);
    }
}
