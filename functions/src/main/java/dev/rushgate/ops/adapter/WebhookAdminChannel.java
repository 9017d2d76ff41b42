package dev.rushgate.ops.adapter;

import dev.rushgate.ops.domain.AdminAlert;
import dev.rushgate.ops.domain.AdminChannel;
import dev.rushgate.platform.Deadline;
import dev.rushgate.platform.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operators' Slack-compatible incoming webhook: {@code POST {"text": ...}} with {@code Idempotency-Key: <alert id>}
 * (Slack ignores it; a receiver of our own can drop a repeat by it). A 2xx within 5 s is taken; anything else is
 * {@link NotTaken}. Redirects are not followed.
 */
public final class WebhookAdminChannel implements AdminChannel {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final Supplier<Optional<URI>> url;

    /** @param url where to post, read when first needed (in the cloud it sits in a secret an operator may change) */
    public WebhookAdminChannel(Supplier<Optional<URI>> url) {
        this.url = url;
    }

    @Override
    public boolean configured() {
        return url.get().isPresent();
    }

    @Override
    public void send(AdminAlert alert) {
        URI to = url.get().orElseThrow(() -> new NotTaken("no admin webhook is configured"));
        Duration timeout = Deadline.current().map(Deadline::remaining).filter(left -> left.compareTo(TIMEOUT) < 0)
                .orElse(TIMEOUT);
        if (timeout.toMillis() < 100) throw new NotTaken("no time left to call the admin webhook");
        int status;
        try {
            status = HTTP.send(HttpRequest.newBuilder(to).timeout(timeout)
                            .header("Content-Type", "application/json")
                            .header("Idempotency-Key", alert.id())
                            .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("text", alert.text())))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new NotTaken("the admin webhook did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotTaken("admin webhook call interrupted");
        }
        if (status / 100 != 2) throw new NotTaken("the admin webhook answered " + status);
    }
}
