package dev.rushgate.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The stack's layout and the features a deployment selects: a base template and one nested stack per feature, each
 * well under CloudFormation's 500 resources, and only what the selected features need.
 */
class LayoutStackTest {

    /**
     * No template may pass this, 100 under CloudFormation's 500. The base template holds the HTTP API, and with it
     * every route's route, integration and permission (43 routes, 129 of its 303 resources in December 2026), so each
     * new route costs it three: before it nears this, the routes move into their features' nested stacks.
     */
    private static final int MOST_RESOURCES = 400;

    private static RushgateStack stack(String features) {
        Declaration declaration = RushgateApp.selected(Rushgate.declaration(), features);
        return SynthesizedStacks.stack(declaration,
                props -> props.guardRails(Rushgate.guardRails().only(declaration)), s -> { });
    }

    /** Resources per template: the base's logical id "" and each nested stack's by its feature. */
    private static Map<String, Integer> counts(RushgateStack stack) {
        Map<String, Integer> out = new LinkedHashMap<>();
        out.put("base", Template.fromStack(stack).toJSON().get("Resources") instanceof Map<?, ?> m ? m.size() : 0);
        stack.featureStacks().forEach((feature, nested) -> out.put(feature,
                Template.fromStack(nested).toJSON().get("Resources") instanceof Map<?, ?> m ? m.size() : 0));
        return out;
    }

    @Test
    void putsEachFeatureInANestedStackOfItsOwn_andNoTemplateOver400Resources() {
        // every feature, with Rushgate's guard rails: the very stack RushgateApp deploys and the other stack tests
        // read, so its synthesis is shared with them
        assertThat(RushgateApp.selected(Rushgate.declaration(), null)).isSameAs(SynthesizedStacks.RUSHGATE);
        assertThat(Rushgate.guardRails().only(SynthesizedStacks.RUSHGATE)).isEqualTo(Rushgate.guardRails());
        RushgateStack all = SynthesizedStacks.synthesized(SynthesizedStacks.RUSHGATE);

        Map<String, Integer> counts = counts(all);
        System.out.println("resources per template: " + counts);

        assertThat(all.featureStacks().keySet()).containsExactlyInAnyOrder("ops", "drops", "room", "votes", "tickets",
                "feed", "notices", "stats");
        assertThat(counts).allSatisfy((template, n) -> assertThat(n).as(template).isLessThanOrEqualTo(MOST_RESOURCES));
    }

    @Test
    void deploysOnlyWhatTheSelectedFeaturesNeed() {
        var dropsAndRoom = new TemplateQueries(MergedTemplate.of(stack("drops,room")));
        assertThat(dropsAndRoom.resources("AWS::MSK::ServerlessCluster")).as("no MSK without voting").isEmpty();
        assertThat(dropsAndRoom.resources("AWS::RDS::DBCluster")).as("no Aurora without tickets or voting").isEmpty();
        assertThat(dropsAndRoom.resources("AWS::EC2::NatGateway")).as("nothing calls the internet").isEmpty();
        assertThat(dropsAndRoom.resources("AWS::ElastiCache::ServerlessCache")).hasSize(1);
        assertThat(dropsAndRoom.tagged("AWS::Lambda::Function", ResourceTags.FUNCTION).values())
                .contains("claim-drop", "enter-room", "health").doesNotContain("cast-vote", "hold-seats");

        var votes = new TemplateQueries(MergedTemplate.of(stack("votes")));
        assertThat(votes.resources("AWS::MSK::ServerlessCluster")).hasSize(1);
        assertThat(votes.resources("AWS::RDS::DBCluster")).hasSize(1);
        // Aurora may pause: no floor of capacity, paused after 10 idle minutes
        assertThat(votes.resources("AWS::RDS::DBCluster").values()).singleElement().satisfies(cluster -> {
            var scaling = (java.util.Map<?, ?>) ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) cluster)
                    .get("Properties")).get("ServerlessV2ScalingConfiguration");
            assertThat(((Number) scaling.get("MinCapacity")).doubleValue()).isZero();
            assertThat(((Number) scaling.get("SecondsUntilAutoPause")).intValue()).isEqualTo(600);
        });
        assertThat(votes.resources("AWS::EC2::NatGateway")).isEmpty();

        var tickets = new TemplateQueries(MergedTemplate.of(stack("tickets")));
        assertThat(tickets.resources("AWS::EC2::NatGateway")).as("the payment provider is on the internet").hasSize(1);
        assertThat(tickets.resources("AWS::MSK::ServerlessCluster")).isEmpty();
    }

    @Test
    void takesContextOnTheCommandLineAsCdkDoes_andRefusesAnUnknownFeature() {
        assertThat(RushgateApp.contextArguments(new String[] {"-c", "features=drops,room", "--context", "natGateways=2"}))
                .containsEntry("features", "drops,room").containsEntry("natGateways", "2");
        assertThatThrownBy(() -> RushgateApp.contextArguments(new String[] {"features=drops"}))
                .hasMessageContaining("-c key=value");
        assertThatThrownBy(() -> RushgateApp.selected(Rushgate.declaration(), "drops,news"))
                .hasMessageContaining("unknown feature news");
        assertThat(RushgateApp.selected(Rushgate.declaration(), "all")).isSameAs(Rushgate.declaration());
    }
}
