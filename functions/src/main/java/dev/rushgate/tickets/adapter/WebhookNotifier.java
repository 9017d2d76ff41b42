package dev.rushgate.tickets.adapter;

import dev.rushgate.platform.Deadline;
import dev.rushgate.platform.Json;
import dev.rushgate.tickets.domain.Notice;
import dev.rushgate.tickets.domain.Notifier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts each notice as JSON to one webhook URL, with header {@code Idempotency-Key: <notificationId>} so a
 * receiver can drop the repeats a retry may cause. A 2xx means taken; anything else is tried again later.
 */
public final class WebhookNotifier implements Notifier {
    private final URI url;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public WebhookNotifier(URI url) {
        this.url = url;
    }

    @Override
    public boolean send(Notice notice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationId", notice.notificationId());
        body.put("userId", notice.userId());
        body.put("showId", notice.showId());
        body.put("kind", notice.kind());
        body.put("holdId", notice.holdId());
        body.put("seatIds", notice.seatIds());
        body.put("expiresAt", notice.expiresAt() == null ? null : notice.expiresAt().toString());
        body.put("createdAt", notice.createdAt().toString());
        // Under a consumer's deadline the wait is cut to what is left; a notice not sent is resent by the sweep.
        Duration timeout = Deadline.current().map(Deadline::remaining).filter(left -> left.compareTo(TIMEOUT) < 0)
                .orElse(TIMEOUT);
        if (timeout.toMillis() < 100) return false;
        try {
            var response = http.send(HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json").header("Idempotency-Key", notice.notificationId())
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean enabled() {
        return true;
    }
}
