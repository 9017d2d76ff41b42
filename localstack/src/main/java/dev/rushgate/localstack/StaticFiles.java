package dev.rushgate.localstack;

import com.sun.net.httpserver.HttpExchange;
import dev.rushgate.model.Problem;
import dev.rushgate.platform.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static files under one URL prefix, read from one classpath folder: what S3 behind CloudFront serves in the
 * cloud. Not a Lambda route, so the declaration knows nothing of it. Only names with a known type are served, flat
 * or in the one {@code vendor/} folder (third-party files kept as published, e.g. {@code uPlot.min.css}); a name
 * starts with a letter or digit and has no empty part, so no {@code ..} and no way out of the folder. Anything else
 * under the prefix is a 404.
 */
final class StaticFiles {

    /** The waiting page ({@code waiting-page/} at the repository root, copied onto the classpath). */
    static final StaticFiles WAITING_PAGE = new StaticFiles("/waiting/", "waiting-page/");
    /** The operations page ({@code ops-page/} at the repository root, copied onto the classpath). */
    static final StaticFiles OPS_PAGE = new StaticFiles("/ops/", "ops-page/");

    private static final Pattern NAME = Pattern.compile(
            "((?:vendor/)?[A-Za-z0-9][A-Za-z0-9-]*(?:\\.[A-Za-z0-9-]+)*)\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private record File(String type, byte[] bytes) {}

    private final String prefix;
    private final String folder;
    private final Map<String, File> cache = new ConcurrentHashMap<>();

    StaticFiles(String prefix, String folder) {
        this.prefix = prefix;
        this.folder = folder;
    }

    String prefix() {
        return prefix;
    }

    void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("allow", "GET, HEAD");
                problem(exchange, Problem.of(405, "method-not-allowed", "Method not allowed",
                        "Static files answer GET and HEAD only."));
                return;
            }
            String name = exchange.getRequestURI().getRawPath().substring(prefix.length());
            Optional<File> file = find(name.isEmpty() ? "index.html" : name);
            if (file.isEmpty()) {
                problem(exchange, Problem.of(404, "unknown-route", "Unknown route", "No such file."));
                return;
            }
            var headers = exchange.getResponseHeaders();
            headers.set("content-type", file.get().type());
            headers.set("x-content-type-options", "nosniff");
            // Always revalidate: a visitor who reloads mid-queue gets the page that matches the API.
            headers.set("cache-control", "no-cache");
            byte[] bytes = file.get().bytes();
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private Optional<File> find(String name) {
        Matcher matcher = NAME.matcher(name);
        if (!matcher.matches()) return Optional.empty();
        File cached = cache.get(name);
        if (cached != null) return Optional.of(cached);
        // Misses are not remembered, so requests for made-up names cannot grow the cache.
        Optional<File> file = read(name, TYPES.get(matcher.group(2)));
        file.ifPresent(f -> cache.put(name, f));
        return file;
    }

    private Optional<File> read(String name, String type) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(folder + name)) {
            return in == null ? Optional.empty() : Optional.of(new File(type, in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void problem(HttpExchange exchange, Problem problem) throws IOException {
        byte[] bytes = Json.write(problem).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", Problem.MEDIA_TYPE);
        exchange.sendResponseHeaders(problem.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
