package dev.rushgate.localstack.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A plain HTTP client of the public API, as a user's program would be. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, JSON body (or null), and headers. */
    public record Answer(int status, JsonNode body, Map<String, List<String>> headers, String raw) {
        public String code() {
            return body == null || body.get("code") == null ? null : body.get("code").asText();
        }

        public String contentType() {
            return headers.getOrDefault("content-type", List.of("")).getFirst();
        }
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public Api(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    /**
     * Tokens for many users at once, 8 mints in flight. A mint that fails (the client's connection reset under a
     * crowd of mints) is tried again, up to three times; one that still fails fails the caller, rather than leaving a
     * null token that a later request would send as none.
     */
    public String[] tokens(int count, java.util.function.IntFunction<String> userId) {
        String[] tokens = new String[count];
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var mints = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < count; i++) {
                int n = i;
                mints.add(pool.submit(() -> {
                    for (int attempt = 1; ; attempt++) {
                        try {
                            tokens[n] = token(userId.apply(n));
                            return;
                        } catch (RuntimeException e) {
                            if (attempt == 3) throw e;
                        }
                    }
                }));
            }
            for (var mint : mints) mint.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a token could not be minted", e.getCause());
        }
        return tokens;
    }

    public String token(String userId, String... roles) {
        Answer answer = send("POST", "/v1/dev/tokens", null,
                "{\"userId\":\"" + userId + "\",\"roles\":" + json(List.of(roles)) + "}", Map.of());
        if (answer.status() != 201) throw new IllegalStateException("no token: " + answer.raw());
        return answer.body().get("token").asText();
    }

    public Answer get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    public Answer post(String path, String token, String body) {
        return send("POST", path, token, body, Map.of());
    }

    public Answer put(String path, String token, String body) {
        return send("PUT", path, token, body, Map.of());
    }

    public Answer send(String method, String path, String token, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : parse(response.body());
            return new Answer(response.statusCode(), json, response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
