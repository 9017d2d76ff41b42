package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static dev.rushgate.infra.TemplateQueries.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;

import dev.rushgate.wiring.Access;
import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.assertions.Template;

class ApiStackTest {

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void checksTokensOnUserAndAdminRoutes_andOnNoPublicRoute(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        Map<String, Map<String, Object>> routes = routesByKey(template);
        var jwtAuthorizers = template.resources("AWS::ApiGatewayV2::Authorizer").entrySet().stream()
                .filter(e -> "JWT".equals(properties(e.getValue()).get("AuthorizerType")))
                .map(Map.Entry::getKey).collect(Collectors.toSet());

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            if (!(spec.trigger() instanceof Trigger.Http http)) continue;
            // when
            Map<String, Object> route = routes.get(http.routeKey());

            // then
            assertThat(route).as(http.routeKey()).isNotNull();
            if (http.access().needsToken()) {
                assertThat(route.get("AuthorizationType")).as(http.routeKey()).isEqualTo("JWT");
                assertThat(refs(route.get("AuthorizerId"))).as(http.routeKey())
                        .isNotEmpty().isSubsetOf(jwtAuthorizers);
            } else {
                assertThat(route.getOrDefault("AuthorizationType", "NONE")).as(http.routeKey()).isEqualTo("NONE");
                assertThat(route).as(http.routeKey()).doesNotContainKey("AuthorizerId");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void neverDeploysLocalOnlyRoutes(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        var localOnly = declaration.httpFunctions().stream()
                .filter(f -> ((Trigger.Http) f.trigger()).access() == Access.LOCAL_ONLY).toList();

        // when
        var routeKeys = routesByKey(template).keySet();
        var functionIds = template.tagged("AWS::Lambda::Function", ResourceTags.FUNCTION).values();

        // then
        assertThat(localOnly).as("the declaration has local-only routes to check").isNotEmpty();
        for (FunctionSpec spec : localOnly) {
            assertThat(routeKeys).doesNotContain(((Trigger.Http) spec.trigger()).routeKey());
            assertThat(functionIds).doesNotContain(spec.id());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.rushgate.infra.SynthesizedStacks#declarations")
    void routesEveryRequestToTheLiveAliasOfItsFunction(Declaration declaration) {
        // given
        var template = new TemplateQueries(SynthesizedStacks.template(declaration));
        Map<String, Map<String, Object>> routes = routesByKey(template);
        var integrations = template.resources("AWS::ApiGatewayV2::Integration");

        for (FunctionSpec spec : declaration.deployedFunctions()) {
            if (!(spec.trigger() instanceof Trigger.Http http)) continue;
            // when
            var integration = refs(routes.get(http.routeKey()).get("Target")).stream()
                    .filter(integrations::containsKey).map(integrations::get).map(TemplateQueries::properties)
                    .toList();

            // then
            assertThat(integration).as(http.routeKey()).singleElement()
                    .satisfies(i -> assertThat(refs(i.get("IntegrationUri")))
                            .containsExactly(template.liveAliasLogicalId(spec.id())));
        }
    }

    @Test
    void trustsTheConfiguredIssuer_insteadOfMakingAUserPool() {
        // given
        var stack = SynthesizedStacks.stack(SynthesizedStacks.RUSHGATE,
                props -> props.jwtIssuer("https://id.example.com/").jwtAudience("rushgate-api"), s -> { });

        // when
        var template = MergedTemplate.of(stack);

        // then
        template.resourceCountIs("AWS::Cognito::UserPool", 0);
        var authorizer = properties(template.findResources("AWS::ApiGatewayV2::Authorizer").values().iterator().next());
        assertThat(authorizer.get("JwtConfiguration"))
                .isEqualTo(Map.of("Issuer", "https://id.example.com/", "Audience", java.util.List.of("rushgate-api")));
    }

    static Map<String, Map<String, Object>> routesByKey(TemplateQueries template) {
        return template.resources("AWS::ApiGatewayV2::Route").values().stream()
                .map(TemplateQueries::properties)
                .collect(Collectors.toMap(r -> (String) r.get("RouteKey"), r -> r));
    }
}
