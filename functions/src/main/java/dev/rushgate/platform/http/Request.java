package dev.rushgate.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.rushgate.model.AdminId;
import dev.rushgate.platform.Ids;
import dev.rushgate.platform.Json;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.DomainException;
import dev.rushgate.platform.errors.Forbidden;
import dev.rushgate.platform.errors.NotFound;
import dev.rushgate.platform.errors.TooLarge;
import dev.rushgate.platform.errors.Unauthenticated;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A read-only view of an API Gateway HTTP API (v2) request that validates as it reads: every accessor
 * either returns a well-formed value or throws the {@link DomainException} that becomes the client's 4xx.
 */
public final class Request {

    /** Bodies larger than this are refused with 413 before they are parsed. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,512}");
    private static final Pattern ROLE_SEPARATOR = Pattern.compile("[,\\s]+");

    private final APIGatewayV2HTTPEvent event;

    public Request(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public String method() {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        return http == null ? "" : http.getMethod();
    }

    public String path() {
        return event.getRawPath() == null ? "/" : event.getRawPath();
    }

    public String requestId() {
        var ctx = event.getRequestContext();
        return ctx == null || ctx.getRequestId() == null ? "unknown" : ctx.getRequestId();
    }

    /** The caller's address as the gateway saw it (what per-address limits count); "unknown" when absent. */
    public String sourceIp() {
        var ctx = event.getRequestContext();
        var http = ctx == null ? null : ctx.getHttp();
        String ip = http == null ? null : http.getSourceIp();
        return ip == null || ip.isBlank() ? "unknown" : ip;
    }

    /** An admin-chosen id from the path ({@code dropId}, …): 400 {@code invalid-id} when malformed. */
    public String adminId(String name) {
        String value = rawPathParameter(name);
        if (!AdminId.isValid(value)) {
            throw new BadInput("invalid-id", name + " must match " + AdminId.PATTERN.pattern());
        }
        return value;
    }

    /** A server-made id from the path: one of another shape cannot exist, so it is a 404. */
    public String serverId(String name) {
        String value = rawPathParameter(name);
        if (!Ids.isServerMade(value)) throw new NotFound("not-found", "No such " + name + ".");
        return value;
    }

    /** A path parameter as the caller gave it (a user id, …): the use case checks its shape. */
    public String pathParameter(String name) {
        return rawPathParameter(name);
    }

    private String rawPathParameter(String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null) throw new IllegalStateException("route has no path parameter " + name);
        return value;
    }

    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) return Optional.empty();
        String value = headers.get(name);
        if (value == null) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) return Optional.ofNullable(e.getValue());
            }
        }
        return Optional.ofNullable(value);
    }

    public Optional<String> query(String name) {
        Map<String, String> query = event.getQueryStringParameters();
        return query == null ? Optional.empty() : Optional.ofNullable(query.get(name));
    }

    /** {@code ?limit=}: 1–1000, default 100. */
    public int limit() {
        String raw = query("limit").orElse(null);
        if (raw == null) return 100;
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= 1000) return limit;
        } catch (NumberFormatException ignored) {
            // falls through to the same answer as an out-of-range number
        }
        throw new BadInput("invalid-parameter", "limit must be a whole number from 1 to 1000");
    }

    /** {@code ?cursor=}: opaque, but of a shape we could have made. */
    public Optional<String> cursor() {
        Optional<String> cursor = query("cursor").filter(c -> !c.isEmpty());
        cursor.ifPresent(c -> {
            if (!CURSOR.matcher(c).matches()) throw new BadInput("invalid-cursor", "cursor is not one we issued");
        });
        return cursor;
    }

    public Optional<String> idempotencyKey() {
        Optional<String> key = header("idempotency-key");
        key.ifPresent(k -> {
            if (!IDEMPOTENCY_KEY.matcher(k).matches()) {
                throw new BadInput("invalid-idempotency-key",
                        "Idempotency-Key must be 1 to 128 of letters, digits and . _ : -");
            }
        });
        return key;
    }

    /**
     * The caller, from the claims the JWT authorizer verified. API Gateway has already refused a missing or
     * bad token; the check here keeps a misconfigured route from running without one.
     */
    public Caller caller() {
        String sub = userId();
        Map<String, String> claims = claims();
        // Our own issuers put roles in "roles"; Cognito user pools put group membership in "cognito:groups".
        Set<String> roles = new java.util.HashSet<>(roles(claims.get("roles")));
        roles.addAll(roles(claims.get("cognito:groups")));
        return new Caller(sub, roles);
    }

    /** The caller's user id alone ({@code sub}), for the many routes that need no roles: nothing to parse. */
    public String userId() {
        Map<String, String> claims = claims();
        String sub = claims == null ? null : claims.get("sub");
        if (sub == null || sub.isBlank()) throw new Unauthenticated("unauthenticated", "A valid bearer token is required.");
        return sub;
    }

    private Map<String, String> claims() {
        var ctx = event.getRequestContext();
        var authorizer = ctx == null ? null : ctx.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        return jwt == null ? null : jwt.getClaims();
    }

    public Caller admin() {
        Caller caller = caller();
        if (!caller.isAdmin()) throw new Forbidden("forbidden", "This needs the admin role.");
        return caller;
    }

    /** API Gateway flattens array claims to text such as {@code [admin user]} or {@code ["admin","user"]}. */
    static Set<String> roles(String raw) {
        if (raw == null || raw.isBlank()) return Set.of();
        String inner = raw.strip();
        if (inner.startsWith("[") && inner.endsWith("]")) inner = inner.substring(1, inner.length() - 1);
        return Arrays.stream(ROLE_SEPARATOR.split(inner))
                .map(s -> s.replace("\"", "").strip())
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public String bodyText() {
        String body = event.getBody();
        if (body == null || body.isEmpty()) throw new BadInput("missing-body", "This request needs a JSON body.");
        if (event.getIsBase64Encoded()) {
            if (body.length() > MAX_BODY_BYTES * 4 / 3 + 4) throw tooLarge();
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadInput("malformed-json", "The body is not valid JSON.");
            }
        }
        if (body.length() > MAX_BODY_BYTES || body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    /**
     * The JSON body as {@code type}. Malformed JSON, wrong types and missing fields are 400s whose detail
     * names the field; a record's own validation throws {@link BadInput} with its code, which is kept.
     */
    public <T> T body(Class<T> type) {
        String body = bodyText();
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) throw new BadInput("invalid-body", "The body must be a JSON object.");
            return value;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof DomainException domain) throw domain;
            throw new BadInput("invalid-field", "A field has a value that is not allowed" + at(e) + ".");
        } catch (MismatchedInputException e) {
            throw new BadInput("invalid-field", "A field has the wrong type or is missing" + at(e) + ".");
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof DomainException domain) throw domain;
            throw new BadInput("invalid-field", "A field has a value that is not allowed" + at(e) + ".");
        } catch (JsonProcessingException e) {
            throw new BadInput("malformed-json", "The body is not valid JSON.");
        }
    }

    private static String at(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "" : ": " + path;
    }

    private static TooLarge tooLarge() {
        return new TooLarge("payload-too-large", "The body is over " + MAX_BODY_BYTES / 1024 + " KiB.");
    }
}
