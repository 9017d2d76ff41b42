package dev.rushgate.feed.handler;

import org.junit.jupiter.api.RepeatedTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How long a refresh that could not happen is put off: growing per receive, jittered, never before the breaker closes. */
class RefreshUpstreamSqsHandlerTest {

    @RepeatedTest(20)
    void fourSecondsDoublingPerReceive_withUpToHalfAgainOfJitter_atLeastUntilTheBreakerCloses_atMostAnHour() {
        assertThat(RefreshUpstreamSqsHandler.delay(1, Duration.ZERO).toSeconds()).isBetween(4L, 6L);
        assertThat(RefreshUpstreamSqsHandler.delay(3, Duration.ZERO).toSeconds()).isBetween(16L, 24L);
        assertThat(RefreshUpstreamSqsHandler.delay(6, Duration.ZERO).toSeconds()).isBetween(128L, 192L);
        assertThat(RefreshUpstreamSqsHandler.delay(1, Duration.ofSeconds(30)).toSeconds()).isGreaterThanOrEqualTo(31L);
        assertThat(RefreshUpstreamSqsHandler.delay(40, Duration.ZERO)).isEqualTo(Duration.ofHours(1));
    }
}
