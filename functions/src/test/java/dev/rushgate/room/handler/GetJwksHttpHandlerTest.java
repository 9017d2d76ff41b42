package dev.rushgate.room.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GetJwksHttpHandlerTest {

    @Test
    void answers503_notA500_whenTheDeploymentHasNoSharedKeySource() {
        // given a function environment without RUSHGATE_ADMISSION_KEYS: a function that declares no admission keys
        var handler = new GetJwksHttpHandler();

        var response = handler.handleRequest(APIGatewayV2HTTPEvent.builder().withRawPath("/v1/.well-known/jwks.json").build(), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        assertThat(response.getBody()).contains("\"code\":\"admission-keys-unavailable\"");
    }
}
