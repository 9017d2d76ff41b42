package dev.rushgate.wiring;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardRailsTest {

    private static final Declaration RUSHGATE = Rushgate.declaration();

    @Test
    void limitsTheHotWritesBelowTheStageDefault_andReservesEnvironmentsAboveEachSqsSourcesMaximum() {
        GuardRails rails = Rushgate.guardRails();

        assertThat(rails.route("get-drop")).isEqualTo(rails.routeDefault());
        for (String hot : new String[] {"enter-room", "claim-drop", "cast-vote", "hold-seats"}) {
            assertThat(rails.route(hot).ratePerSecond()).as(hot).isLessThan(rails.routeDefault().ratePerSecond());
        }
        rails.maxConcurrency().forEach((id, max) ->
                assertThat(rails.reservedConcurrency().get(id)).as(id).isGreaterThanOrEqualTo(max));
    }

    @Test
    void takesOverridesByContextKey_andRefusesOnesThatNameNoSuchFunctionOrTheWrongKind() {
        Map<String, String> context = Map.of("throttle", "900/300", "throttle.claim-drop", "100/50",
                "reservedConcurrency.store-claims", "5", "maxConcurrency.store-claims", "4");

        GuardRails rails = Rushgate.guardRails().with(context::get, RUSHGATE);

        assertThat(rails.routeDefault()).isEqualTo(new GuardRails.Throttle(900, 300));
        assertThat(rails.route("claim-drop")).isEqualTo(new GuardRails.Throttle(100, 50));
        assertThat(rails.route("cast-vote")).isEqualTo(new GuardRails.Throttle(8_000, 4_000));
        assertThat(rails.reservedConcurrency()).containsEntry("store-claims", 5);
        assertThat(rails.maxConcurrency()).containsEntry("store-claims", 4);
        assertThatThrownBy(() -> Rushgate.guardRails().with(Map.of("throttle", "fast")::get, RUSHGATE))
                .hasMessageContaining("RATE/BURST");
        assertThatThrownBy(() -> new GuardRails(new GuardRails.Throttle(1, 1), Map.of("clam-drop",
                new GuardRails.Throttle(1, 1)), Map.of(), Map.of()).checkedAgainst(RUSHGATE))
                .hasMessageContaining("no such function");
        assertThatThrownBy(() -> new GuardRails(new GuardRails.Throttle(1, 1), Map.of(), Map.of(),
                Map.of("count-votes", 5)).checkedAgainst(RUSHGATE)).hasMessageContaining("not triggered by Sqs");
        assertThatThrownBy(() -> new GuardRails.Throttle(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aContextKeyNamingNoFunctionIsRefused_soATypoNeverLeavesARouteUnthrottled() {
        GuardRails.refuseUnknownKeys(java.util.List.of("throttle", "throttle.claim-drop", "natGateways",
                "maxConcurrency.store-claims"), RUSHGATE);

        assertThatThrownBy(() -> GuardRails.refuseUnknownKeys(java.util.List.of("throttle.clam-drop"), RUSHGATE))
                .hasMessageContaining("throttle.clam-drop names no declared function");
        assertThatThrownBy(() -> GuardRails.refuseUnknownKeys(java.util.List.of("reservedConcurrency.x"), RUSHGATE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
