package dev.rushgate.infra;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.rushgate.wiring.Access;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.Trigger;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.CorsHttpMethod;
import software.amazon.awscdk.services.apigatewayv2.CorsPreflightOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpRouteKey;
import software.constructs.Construct;

/**
 * The HTTP API: one route per deployed HTTP function, integrated with its {@code live} alias. Routes whose
 * access needs a token get the JWT authorizer; public routes get none; local-only routes do not exist here.
 */
public final class Api extends Construct {

    private final HttpApi httpApi;
    private final HttpStage stage;
    private final LogGroup accessLogs;

    public Api(Construct scope, String id, Props props) {
        super(scope, id);
        this.httpApi = HttpApi.Builder.create(this, "HttpApi")
                .apiName(props.name())
                .description("Rushgate public API v1")
                .createDefaultStage(false)
                // Browsers call the API from other origins: the waiting page on CloudFront and the sites it
                // sends visitors on to, which pass the admission token. Any origin may: credentials are bearer
                // tokens in a header, never cookies, so a foreign page gains nothing a script outside a browser
                // would not have. Retry-After is exposed because the page paces its polls by it.
                .corsPreflight(CorsPreflightOptions.builder()
                        .allowOrigins(List.of("*"))
                        .allowMethods(List.of(CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT,
                                CorsHttpMethod.DELETE))
                        .allowHeaders(List.of("authorization", "content-type", "idempotency-key", "x-admission-token"))
                        .exposeHeaders(List.of("retry-after"))
                        .maxAge(Duration.hours(1))
                        .build())
                .build();
        this.accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        this.stage = httpApi.addStage("DefaultStage", HttpStageOptions.builder()
                .stageName("$default")
                .autoDeploy(true)
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return new LogGroupLogDestination(accessLogs);
                    }

                    /** One JSON object a request, so Logs Insights can filter and count by route and status. */
                    @Override
                    public AccessLogFormat getFormat() {
                        return ACCESS_LOG_FORMAT;
                    }
                })
                .build());
        for (FunctionSpec spec : props.declaration().deployedFunctions()) {
            if (spec.trigger() instanceof Trigger.Http http) route(spec, http, props);
        }
        throttle(props);
    }

    /**
     * Stage throttling: every route's default, and the named routes' own limits (an HTTP API applies both per
     * route). Beyond them API Gateway answers 429 before any function runs.
     */
    private void throttle(Props props) {
        GuardRails rails = props.guardRails();
        Map<String, Object> routes = new TreeMap<>();
        for (FunctionSpec spec : props.declaration().deployedFunctions()) {
            if (!(spec.trigger() instanceof Trigger.Http http) || !rails.routes().containsKey(spec.id())) continue;
            GuardRails.Throttle t = rails.route(spec.id());
            routes.put(http.routeKey(), Map.of("ThrottlingRateLimit", t.ratePerSecond(),
                    "ThrottlingBurstLimit", t.burst()));
        }
        CfnStage cfn = (CfnStage) stage.getNode().getDefaultChild();
        cfn.addPropertyOverride("DefaultRouteSettings", Map.of(
                "ThrottlingRateLimit", rails.routeDefault().ratePerSecond(),
                "ThrottlingBurstLimit", rails.routeDefault().burst()));
        if (!routes.isEmpty()) cfn.addPropertyOverride("RouteSettings", routes);
    }

    private void route(FunctionSpec spec, Trigger.Http http, Props props) {
        if (http.access() == Access.LOCAL_ONLY) throw new IllegalStateException("local-only route " + spec.id());
        var route = HttpRoute.Builder.create(this, spec.id())
                .httpApi(httpApi)
                .routeKey(routeKey(http))
                .integration(new HttpLambdaIntegration(spec.id() + "-integration", props.functions().live(spec.id())));
        if (http.access().needsToken()) route.authorizer(props.auth().authorizer());
        HttpRoute built = route.build();
        if (!http.access().needsToken()) {
            Validations.of(built).acknowledge(Acknowledgment.builder().id("AwsSolutions::AwsSolutions-APIG4")
                    .reason("Declared PUBLIC: health and the unknown-route fallback answer without a token by contract")
                    .build());
        }
    }

    private static HttpRouteKey routeKey(Trigger.Http http) {
        if (http.path().equals(Trigger.Http.DEFAULT_PATH)) return HttpRouteKey.DEFAULT;
        return HttpRouteKey.with(http.path(),
                software.amazon.awscdk.services.apigatewayv2.HttpMethod.valueOf(http.method()));
    }

    /**
     * The access log line: route, status, latency and request id, as JSON. An HTTP API sends no X-Ray trace (only a
     * REST API can), so this line is where a request is followed from: its request id, and its route and status,
     * which the feature dashboards count as accepted against refused.
     */
    static final AccessLogFormat ACCESS_LOG_FORMAT = AccessLogFormat.custom("{\"requestId\":\"$context.requestId\","
            + "\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\","
            + "\"httpMethod\":\"$context.httpMethod\",\"path\":\"$context.path\",\"status\":\"$context.status\","
            + "\"responseLatency\":\"$context.responseLatency\",\"integrationLatency\":\"$context.integrationLatency\","
            + "\"sourceIp\":\"$context.identity.sourceIp\",\"responseLength\":\"$context.responseLength\","
            + "\"error\":\"$context.error.message\",\"integrationError\":\"$context.integrationErrorMessage\"}");

    public HttpApi httpApi() {
        return httpApi;
    }

    /** One JSON line a request ({@link #ACCESS_LOG_FORMAT}): what the dashboards count answers by route from. */
    public LogGroup accessLogs() {
        return accessLogs;
    }

    public String url() {
        return stage.getUrl();
    }

    /**
     * @param name        the API's name
     * @param declaration its HTTP functions become routes
     * @param functions   the deployed functions, whose live aliases the routes call
     * @param auth        the JWT authorizer for USER and ADMIN routes
     */
    public record Props(String name, Declaration declaration, LiveFunctions functions, Auth auth, GuardRails guardRails) {
        public Props {
            Objects.requireNonNull(guardRails, "guardRails");
            if (name == null || name.isBlank()) throw new IllegalArgumentException("name");
            Objects.requireNonNull(declaration, "declaration");
            Objects.requireNonNull(functions, "functions");
            Objects.requireNonNull(auth, "auth");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String name;
            private Declaration declaration;
            private LiveFunctions functions;
            private Auth auth;
            private GuardRails guardRails = GuardRails.accountDefaults();

            public Builder guardRails(GuardRails guardRails) {
                this.guardRails = guardRails;
                return this;
            }

            public Builder name(String name) {
                this.name = name;
                return this;
            }

            public Builder declaration(Declaration declaration) {
                this.declaration = declaration;
                return this;
            }

            public Builder functions(LiveFunctions functions) {
                this.functions = functions;
                return this;
            }

            public Builder auth(Auth auth) {
                this.auth = auth;
                return this;
            }

            public Props build() {
                return new Props(name, declaration, functions, auth, guardRails);
            }
        }
    }
}
