package dev.rushgate.localstack;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rushgate.localstack.events.LocalContext;
import dev.rushgate.model.Problem;
import dev.rushgate.platform.http.Problems;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.wiring.Access;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.RouteTemplate;
import dev.rushgate.wiring.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The local API Gateway: serves every declared HTTP route on localhost by handing the real handler an
 * HTTP API (v2) payload, as API Gateway would. It also does what the gateway does before a handler
 * runs: route matching ({@code $default} for the rest), the JWT authorizer on USER and ADMIN routes (401
 * without a valid token), and the body size limit (413), each answered as problem+json. Next to the API it
 * serves the waiting page under {@code /waiting/} and the operations page under {@code /ops/}, as CloudFront does in
 * the cloud.
 */
public final class LocalGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalGateway.class);

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** One declared route with its handler. */
    private record Route(FunctionSpec function, Trigger.Http http, RouteTemplate template,
                         RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final Route fallback;
    private final DevTokens tokens;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /**
     * False until the stack has run its after-deploy functions (schema migrations, keys): until then every request,
     * health included, is answered 503 with Retry-After, so nothing reaches a handler before the schema it needs.
     */
    private volatile boolean open;
    private final RouteThrottle throttle;

    LocalGateway(Declaration declaration, LocalFunctions functions, DevTokens tokens, int port) throws IOException {
        this(declaration, functions, tokens, port, null);
    }

    /** @param rails the routes' throttling, as API Gateway applies it; null for none (the benchmarks measure engines) */
    LocalGateway(Declaration declaration, LocalFunctions functions, DevTokens tokens, int port, GuardRails rails)
            throws IOException {
        this.tokens = tokens;
        this.throttle = rails == null ? null : new RouteThrottle(rails);
        Route catchAll = null;
        for (FunctionSpec function : declaration.httpFunctions()) {
            var http = (Trigger.Http) function.trigger();
            Route route = new Route(function, http, new RouteTemplate(http.path()), functions.handler(function));
            if (http.path().equals(Trigger.Http.DEFAULT_PATH)) catchAll = route;
            else routes.add(route);
        }
        if (catchAll == null) throw new IllegalStateException("the declaration has no $default route");
        this.fallback = catchAll;
        this.server = JdkHttpServers.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        // Static files are no Lambda route: their own context, so routeKeys() stays the declaration's.
        server.createContext(StaticFiles.WAITING_PAGE.prefix(), StaticFiles.WAITING_PAGE::serve);
        server.createContext(StaticFiles.OPS_PAGE.prefix(), StaticFiles.OPS_PAGE::serve);
        server.start();
    }

    /** Serves {@code path} with {@code handler} beside the routes (it is no Lambda route: routeKeys() leaves it out). */
    void serveAlso(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The route keys this gateway serves: what the declaration coverage test compares. */
    public List<String> routeKeys() {
        List<String> keys = new ArrayList<>(routes.stream().map(r -> r.http().routeKey()).toList());
        keys.add(fallback.http().routeKey());
        return keys;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = dispatch(exchange);
            } catch (RuntimeException e) {
                String correlationId = UUID.randomUUID().toString();
                LOG.error("local gateway failed; correlationId={}", correlationId, e);
                response = Response.problem(Problems.internal(correlationId));
            }
            write(exchange, response);
        }
    }

    /** Lets requests through: called once the stack has finished starting. */
    void open() {
        open = true;
    }

    private Response dispatch(HttpExchange exchange) throws IOException {
        if (!open) {
            return Response.problem(Problem.of(503, "starting", "Starting",
                    "The local stack is still starting (migrating the schema); try again in a moment."))
                    .withHeader("retry-after", "1");
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        Map<String, String> params = Map.of();
        Route route = null;
        String[] segments = RouteTemplate.segments(path);
        for (Route candidate : routes) {
            if (!candidate.http().method().equals(method) && !candidate.http().method().equals("ANY")) continue;
            Optional<Map<String, String>> match = candidate.template().match(segments);
            if (match.isPresent()) {
                route = candidate;
                params = match.get();
                break;
            }
        }
        if (route == null) route = fallback;
        if (throttle != null && !throttle.tryAcquire(route.function().id())) {
            // API Gateway refuses before the authorizer and the function; the contract's answer is problem+json.
            return Response.problem(Problem.of(429, "throttled", "Too many requests",
                    "This route takes no more requests just now; try again after Retry-After seconds."))
                    .withHeader("retry-after", "1");
        }

        byte[] body = readBody(exchange);
        if (body == null) {
            return Response.problem(Problem.of(413, "payload-too-large", "Payload too large",
                    "The body is over " + Request.MAX_BODY_BYTES / 1024 + " KiB."));
        }
        Map<String, String> claims = null;
        if (route.http().access().needsToken()) {
            claims = bearer(exchange).flatMap(tokens::verify).orElse(null);
            if (claims == null) {
                return Response.problem(Problem.of(401, "unauthenticated", "Unauthenticated",
                        "A valid bearer token is required."));
            }
        }
        APIGatewayV2HTTPEvent event = event(exchange, method, path, route, params, body, claims);
        APIGatewayV2HTTPResponse answer = route.handler().handleRequest(event, new LocalContext(route.function().id(),
                Duration.ofSeconds(route.function().sizing().timeoutSeconds()), route.function().sizing().memoryMb()));
        return new Response(answer.getStatusCode(), answer.getHeaders() == null ? Map.of() : answer.getHeaders(),
                answer.getBody() == null ? "" : answer.getBody());
    }

    /**
     * The body, or null when it is over the limit (read no further than one byte past it). A request that
     * declares no body (most are GETs) reads nothing: reading "up to the limit" would cost a 16 KiB buffer
     * per request, and at tens of thousands of requests a second that garbage alone keeps the GC busy.
     */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if ("0".equals(length) || (length == null && exchange.getRequestHeaders().getFirst("Transfer-Encoding") == null)) {
            return new byte[0];
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(Request.MAX_BODY_BYTES + 1);
        if (body.length > Request.MAX_BODY_BYTES) {
            in.skip(Long.MAX_VALUE);
            return null;
        }
        return body;
    }

    private static Optional<String> bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        return Optional.of(header.substring(7).strip());
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, String method, String path, Route route,
                                               Map<String, String> params, byte[] body, Map<String, String> claims) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.size() == 1 ? values.get(0) : String.join(",", values)));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Instant now = Instant.now();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(method).withPath(path).withProtocol(exchange.getProtocol())
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.getOrDefault("user-agent", "")).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000").withApiId("local").withDomainName("localhost")
                .withDomainPrefix("localhost").withStage("$default").withRouteKey(route.http().routeKey())
                .withRequestId(requestId()).withHttp(http)
                .withTime(REQUEST_TIME.format(now)).withTimeEpoch(now.toEpochMilli());
        if (claims != null) {
            var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                    .withClaims(claims).withScopes(List.of()).build();
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build());
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(route.http().routeKey()).withRawPath(path)
                .withRawQueryString(rawQuery == null ? "" : rawQuery).withHeaders(headers)
                .withQueryStringParameters(query(rawQuery)).withPathParameters(params.isEmpty() ? null : params)
                .withRequestContext(context.build())
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false).build();
    }

    /** Like API Gateway's request ids: unique enough to find a log line; no SecureRandom on the hot path. */
    private static String requestId() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) return null;
        Map<String, String> query = new HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    /** Percent-decoding as API Gateway does it, keeping malformed escapes as they came (the handler judges them). */
    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
