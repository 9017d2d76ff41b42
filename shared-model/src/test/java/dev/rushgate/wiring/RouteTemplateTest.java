package dev.rushgate.wiring;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteTemplateTest {

    private final RouteTemplate claims = new RouteTemplate("/v1/drops/{dropId}/claims/{claimId}");

    @Test
    void matchesLiteralSegmentsExactly_andNamesEachParameter() {
        assertThat(claims.match("/v1/drops/coupons/claims/abc")).contains(Map.of("dropId", "coupons", "claimId", "abc"));
        assertThat(claims.match("/v1/drops/coupons/claims/abc/")).contains(Map.of("dropId", "coupons", "claimId", "abc"));
    }

    @Test
    void refusesOtherShapes() {
        assertThat(claims.match("/v1/drops/coupons/claims")).isEmpty();
        assertThat(claims.match("/v1/drops/coupons/claims/abc/extra")).isEmpty();
        assertThat(claims.match("/v1/drops//claims/abc")).isEmpty();
        assertThat(claims.match("/v2/drops/coupons/claims/abc")).isEmpty();
        assertThat(new RouteTemplate("/v1/health").match("/v1/health")).contains(Map.of());
    }
}
