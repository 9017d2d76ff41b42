package dev.rushgate.platform.http;

import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a handler answers when its use case fails for a reason that is neither the caller's nor a domain rule. */
class HttpHandlerTest {

    @Test
    void answers503WithRetryAfter_whenADependencyDidNotAnswer() {
        // given a handler whose Redis connection was reset under it (Redis restarting)
        HttpHandler handler = handler(new RedisException(new SocketException("Connection reset")));

        // when
        Response response = handler.respond(new Request(new com.amazonaws.services.lambda.runtime.events
                .APIGatewayV2HTTPEvent()));

        // then
        assertThat(response.toEvent().getStatusCode()).isEqualTo(503);
        assertThat(response.toEvent().getHeaders()).containsEntry("retry-after", "1");
        assertThat(response.toEvent().getBody()).contains("dependency-unavailable");
    }

    @Test
    void answersAGeneric500_whenTheCodeFailed() {
        // given a handler that fails on a bug
        HttpHandler handler = handler(new IllegalStateException("a bug"));

        // when
        Response response = handler.respond(new Request(new com.amazonaws.services.lambda.runtime.events
                .APIGatewayV2HTTPEvent()));

        // then
        assertThat(response.toEvent().getStatusCode()).isEqualTo(500);
        assertThat(response.toEvent().getBody()).doesNotContain("a bug");
    }

    private static HttpHandler handler(RuntimeException failure) {
        return new HttpHandler() {
            @Override
            protected Response handle(Request request) {
                throw failure;
            }
        };
    }
}
