package dev.rushgate.ops.handler;

import dev.rushgate.model.Problem;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;
import dev.rushgate.platform.Deployment;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.RouteTemplate;
import dev.rushgate.wiring.Trigger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The catch-all route: 405 {@code method-not-allowed} (with {@code Allow}) when the path exists under
 * another method, else 404 {@code unknown-route}. Both as problem+json, never API Gateway's bare text.
 */
public final class RejectUnknownRouteHttpHandler extends HttpHandler {

    private record Route(String method, RouteTemplate template) {}

    private final List<Route> routes;

    public RejectUnknownRouteHttpHandler() {
        this(Deployment.declaration());
    }

    public RejectUnknownRouteHttpHandler(Declaration declaration) {
        this.routes = declaration.functions().stream()
                .map(f -> f.trigger())
                .filter(t -> t instanceof Trigger.Http h && !h.path().equals(Trigger.Http.DEFAULT_PATH))
                .map(t -> (Trigger.Http) t)
                .map(h -> new Route(h.method(), new RouteTemplate(h.path())))
                .toList();
    }

    @Override
    protected Response handle(Request request) {
        var allowed = new TreeSet<String>();
        for (Route route : routes) {
            if (route.template().match(request.path()).isPresent()) allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            return Response.problem(Problem.of(404, "unknown-route", "Unknown route",
                    "No route " + request.method() + " " + request.path() + "."));
        }
        Response problem = Response.problem(Problem.of(405, "method-not-allowed", "Method not allowed",
                request.method() + " is not allowed here; use " + String.join(", ", allowed) + "."));
        Map<String, String> headers = new HashMap<>(problem.headers());
        headers.put("allow", String.join(", ", allowed));
        return new Response(405, headers, problem.body());
    }
}
