package dev.rushgate.localstack.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public HTTP API as a client sees it, and nothing else: every check the fault suite makes goes through here.
 * Dev tokens are minted per user once per stack (a restarted stack has a new signing key, so {@link #moveTo}
 * forgets them).
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: its status and JSON body (missing when it had none or none that parsed). */
    record Answer(int status, JsonNode body) {
        String text(String field) {
            JsonNode n = body.path(field);
            return n.isMissingNode() || n.isNull() ? null : n.asText();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile URI url;

    Api(URI url) {
        this.url = url;
    }

    /** Points at a (restarted) stack; tokens of the old one no longer verify. */
    void moveTo(URI url) {
        this.url = url;
        tokens.clear();
    }

    URI url() {
        return url;
    }

    String token(String userId) throws IOException, InterruptedException {
        String cached = tokens.get(userId);
        if (cached != null) return cached;
        List<String> roles = userId.startsWith("admin") ? List.of("admin") : List.of();
        Answer a = send("POST", "/v1/dev/tokens", null, Map.of("userId", userId, "roles", roles), null);
        if (a.status() != 201) throw new IOException("no dev token for " + userId + ": " + a);
        String token = a.text("token");
        tokens.put(userId, token);
        return token;
    }

    /** Sends one request as {@code userId} (no token when null); an unanswered request is an IOException. */
    Answer send(String method, String path, String userId, Object body, String idempotencyKey)
            throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(15));
        if (userId != null) b.header("Authorization", "Bearer " + token(userId));
        if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
        var publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        b.header("Content-Type", "application/json").method(method, publisher);
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
        } catch (IOException notJson) {
            json = MissingNode.getInstance();
        }
        return new Answer(response.statusCode(), json);
    }

    /** A request that must succeed (2xx): for setting up and reading, never for the crowd. */
    JsonNode ok(String method, String path, String userId, Object body) throws IOException, InterruptedException {
        Answer a = send(method, path, userId, body, null);
        if (a.status() / 100 != 2) throw new IOException(method + " " + path + " answered " + a.status() + " " + a.body());
        return a.body();
    }

    JsonNode get(String path, String userId) throws IOException, InterruptedException {
        return ok("GET", path, userId, null);
    }

    /** Every item of a paged list ({@code items} and {@code nextCursor}), 1,000 a page. */
    List<JsonNode> all(String path, String userId) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            String sep = path.contains("?") ? "&" : "?";
            String p = path + sep + "limit=1000" + (cursor == null ? ""
                    : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
            JsonNode body = get(p, userId);
            body.path("items").forEach(items::add);
            cursor = body.path("nextCursor").isTextual() ? body.get("nextCursor").asText() : null;
            if (cursor == null || cursor.isEmpty()) return items;
        }
        throw new IOException("more than 10,000 pages at " + path);
    }

    /** Mints tokens for {@code users} with 8 callers: ES256, about a millisecond each. */
    void mint(List<String> users) throws InterruptedException {
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (String u : users) pool.submit(() -> token(u));
        }
    }
}
