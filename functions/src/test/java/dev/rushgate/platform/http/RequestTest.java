package dev.rushgate.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.DomainException;
import dev.rushgate.platform.errors.TooLarge;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestTest {

    record Terms(String name, Integer stock, Instant opensAt) {}

    private static Request withBody(String body) {
        return new Request(APIGatewayV2HTTPEvent.builder().withBody(body).withIsBase64Encoded(false).build());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON at all          | hello                                     | malformed-json",
            "truncated object         | {\"name\":\"x\"                           | malformed-json",
            "trailing garbage         | {\"name\":\"x\"} x                        | malformed-json",
            "number as a string       | {\"name\":\"x\",\"stock\":\"100\"}        | invalid-field",
            "fraction for an integer  | {\"name\":\"x\",\"stock\":1.5}            | invalid-field",
            "name as a number         | {\"name\":7}                              | invalid-field",
            "instant that is not one  | {\"opensAt\":\"tomorrow\"}                | invalid-field",
            "an array, not an object  | [1,2]                                     | invalid-field",
            "empty body               | ''                                        | missing-body",
    })
    void refusesBadBodies_withAStableCode(String why, String body, String code) {
        assertThatThrownBy(() -> withBody(body).body(Terms.class))
                .isInstanceOf(BadInput.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(code);
    }

    @Test
    void refusesBodiesOver64KiB_with413() {
        String big = "{\"name\":\"" + "x".repeat(Request.MAX_BODY_BYTES) + "\"}";
        assertThatThrownBy(() -> withBody(big).body(Terms.class)).isInstanceOf(TooLarge.class);
    }

    @Test
    void readsAWellFormedBody() {
        Terms terms = withBody("{\"name\":\"x\",\"stock\":100,\"opensAt\":\"2026-11-23T20:00:00Z\",\"extra\":1}")
                .body(Terms.class);
        assertThat(terms).isEqualTo(new Terms("x", 100, Instant.parse("2026-11-23T20:00:00Z")));
    }

    @Test
    void takesTheAdminRoleFromCognitoGroupsToo() {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                .withClaims(java.util.Map.of("sub", "u-1", "cognito:groups", "[admin]")).build();
        var event = APIGatewayV2HTTPEvent.builder().withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build()).build()).build();

        assertThat(new Request(event).admin().userId()).isEqualTo("u-1");
    }

    @Test
    void readsRolesInEveryShapeApiGatewayFlattensThemTo() {
        assertThat(Request.roles("[admin user]")).containsExactlyInAnyOrder("admin", "user");
        assertThat(Request.roles("[\"admin\",\"user\"]")).containsExactlyInAnyOrder("admin", "user");
        assertThat(Request.roles("admin")).containsExactly("admin");
        assertThat(Request.roles(null)).isEmpty();
    }
}
