package dev.rushgate.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.rushgate.model.Problem;
import dev.rushgate.platform.Json;

import java.util.Map;

/** What a handler answers, before it becomes API Gateway's response shape. */
public record Response(int status, Map<String, String> headers, String body) {

    private static final Map<String, String> JSON = Map.of("content-type", "application/json");
    private static final Map<String, String> PROBLEM = Map.of("content-type", Problem.MEDIA_TYPE);

    public static Response json(int status, Object body) {
        return new Response(status, JSON, Json.write(body));
    }

    /** JSON with one more header, in one map: what a hot path answers (see {@link #withHeader}). */
    public static Response json(int status, Object body, String header, String value) {
        return new Response(status, Map.of("content-type", "application/json", header, value), Json.write(body));
    }

    /** An answer with no body (204). */
    public static Response empty(int status) {
        return new Response(status, Map.of(), "");
    }

    public static Response problem(Problem problem) {
        return new Response(problem.status(), PROBLEM, Json.write(problem));
    }

    /** The same answer with one more header (names in lower case, as API Gateway passes them). */
    public Response withHeader(String name, String value) {
        var more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new Response(status, Map.copyOf(more), body);
    }

    public APIGatewayV2HTTPResponse toEvent() {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status).withHeaders(headers).withBody(body).withIsBase64Encoded(false).build();
    }
}
