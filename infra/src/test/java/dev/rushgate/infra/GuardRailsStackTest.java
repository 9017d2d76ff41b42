package dev.rushgate.infra;

import static dev.rushgate.infra.TemplateQueries.properties;
import static dev.rushgate.infra.TemplateQueries.refs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.rushgate.wiring.FunctionSpec;
import dev.rushgate.wiring.GuardRails;
import dev.rushgate.wiring.Rushgate;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.Test;

/** Rushgate's guard rails as the cloud gets them: stage and route throttling, reservations, SQS maximums. */
class GuardRailsStackTest {

    private final TemplateQueries template = new TemplateQueries(SynthesizedStacks.template(SynthesizedStacks.RUSHGATE));
    private final GuardRails rails = Rushgate.guardRails();

    @Test
    void throttlesEveryRoute_andTheHotWritesAtTheirOwnLimits() {
        Map<String, Object> stage = properties(template.resources("AWS::ApiGatewayV2::Stage").values().iterator().next());

        assertThat(stage.get("DefaultRouteSettings")).isEqualTo(Map.of(
                "ThrottlingRateLimit", rails.routeDefault().ratePerSecond(),
                "ThrottlingBurstLimit", rails.routeDefault().burst()));
        @SuppressWarnings("unchecked") Map<String, Object> routes = (Map<String, Object>) stage.get("RouteSettings");
        for (String id : rails.routes().keySet()) {
            var http = (Trigger.Http) SynthesizedStacks.RUSHGATE.function(id).orElseThrow().trigger();
            assertThat(routes.get(http.routeKey())).as(http.routeKey()).isEqualTo(Map.of(
                    "ThrottlingRateLimit", rails.route(id).ratePerSecond(),
                    "ThrottlingBurstLimit", rails.route(id).burst()));
        }
        assertThat(routes.keySet()).contains("POST /v1/rooms/{roomId}/entries", "POST /v1/drops/{dropId}/claims",
                "POST /v1/shows/{showId}/holds", "POST /v1/polls/{pollId}/votes");
    }

    @Test
    void reservesConcurrencyForEveryConsumerAndSweeper_andCapsEachSqsSourceBelowIt() {
        for (FunctionSpec f : SynthesizedStacks.RUSHGATE.deployedFunctions()) {
            boolean background = f.trigger() instanceof Trigger.Sqs || f.trigger() instanceof Trigger.Kafka
                    || f.trigger() instanceof Trigger.DynamoStream || f.trigger() instanceof Trigger.Schedule;
            Object reserved = template.function(f.id()).get("ReservedConcurrentExecutions");
            if (!background) {
                assertThat(reserved).as(f.id() + " serves the API from the unreserved pool").isNull();
                continue;
            }
            assertThat(reserved).as(f.id()).isEqualTo(rails.reservedConcurrency().get(f.id()));
            if (f.trigger() instanceof Trigger.Sqs) {
                String alias = template.liveAliasLogicalId(f.id());
                Map<String, Object> mapping = template.resources("AWS::Lambda::EventSourceMapping").values().stream()
                        .map(TemplateQueries::properties).filter(m -> refs(m.get("FunctionName")).contains(alias))
                        .findFirst().orElseThrow();
                int max = ((Number) ((Map<?, ?>) mapping.get("ScalingConfig")).get("MaximumConcurrency")).intValue();
                assertThat(max).as(f.id()).isEqualTo(rails.maxConcurrency().get(f.id()))
                        .isLessThanOrEqualTo((Integer) reserved);
            }
        }
    }
}
