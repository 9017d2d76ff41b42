package dev.rushgate.localstack;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway before and after the stack has finished starting (after-deploy functions such as migrations). */
class LocalGatewayTest {

    @Test
    void answersStartingWithRetryAfter_untilOpened_soNoHandlerRunsBeforeTheSchemaIsMigrated() throws Exception {
        DevTokens tokens = new DevTokens(Clock.systemUTC());
        // Only the routes that need no engine: the health route and the catch-all.
        Declaration full = Rushgate.declaration();
        var declaration = new Declaration(full.functions().stream()
                .filter(f -> f.id().equals("health") || f.id().equals("unknown-route")).toList(),
                List.of(), List.of(), List.of());
        try (var gateway = new LocalGateway(declaration, new LocalFunctions(tokens, null), tokens, 0)) {
            var http = HttpClient.newHttpClient();
            var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/health")).build();

            HttpResponse<String> starting = http.send(health, HttpResponse.BodyHandlers.ofString());
            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.headers().firstValue("retry-after")).hasValue("1");
            assertThat(starting.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(starting.body()).contains("\"code\":\"starting\"");

            gateway.open();
            // Open, the request reaches its handler: here the catch-all route's 404 (health would need the engines).
            var unknown = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/nope")).build();
            HttpResponse<String> routed = http.send(unknown, HttpResponse.BodyHandlers.ofString());
            assertThat(routed.statusCode()).isEqualTo(404);
            assertThat(routed.body()).doesNotContain("\"code\":\"starting\"");
        }
    }

    @Test
    void refusesARouteBeyondItsBurst_withTheContractsThrottledProblem() throws Exception {
        DevTokens tokens = new DevTokens(Clock.systemUTC());
        Declaration full = Rushgate.declaration();
        var declaration = new Declaration(full.functions().stream()
                .filter(f -> f.id().equals("health") || f.id().equals("unknown-route")).toList(),
                List.of(), List.of(), List.of());
        // one request a second, two at once
        var rails = new GuardRails(new GuardRails.Throttle(1, 2), Map.of(), Map.of(), Map.of());
        try (var gateway = new LocalGateway(declaration, new LocalFunctions(tokens, null), tokens, 0, rails)) {
            gateway.open();
            var http = HttpClient.newHttpClient();
            var unknown = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/nope")).build();

            List<HttpResponse<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) answers.add(http.send(unknown, HttpResponse.BodyHandlers.ofString()));

            assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(404, 404, 429);
            HttpResponse<String> throttled = answers.get(2);
            assertThat(throttled.headers().firstValue("retry-after")).hasValue("1");
            assertThat(throttled.headers().firstValue("content-type")).hasValue("application/problem+json");
            assertThat(throttled.body()).contains("\"code\":\"throttled\"");
        }
    }

    @Test
    void takesGuardRailsFromTheCommandLine_underTheCdkContextsNames() {
        LocalStack.Options options = Main.parse(new String[] {"--limit", "throttle.claim-drop=100/50",
                "--limit", "throttle=900/300"});
        assertThat(options.guardRails()).hasValueSatisfying(r -> {
            assertThat(r.route("claim-drop")).isEqualTo(new GuardRails.Throttle(100, 50));
            assertThat(r.routeDefault()).isEqualTo(new GuardRails.Throttle(900, 300));
        });
        assertThat(Main.parse(new String[] {"--no-throttle"}).guardRails()).isEmpty();
    }
}
