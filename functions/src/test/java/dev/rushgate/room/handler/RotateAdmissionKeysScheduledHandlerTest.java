package dev.rushgate.room.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rushgate.room.domain.KeyRotation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RotateAdmissionKeysScheduledHandlerTest {

    @Test
    void rotatesAtTheScheduledTime_andAnswersWhatItDid() {
        // given
        Instant now = Instant.parse("2026-11-23T21:00:00Z");
        List<Instant> asked = new ArrayList<>();
        var handler = new RotateAdmissionKeysScheduledHandler(at -> {
            asked.add(at);
            return KeyRotation.Outcome.ROTATED;
        }, Clock.fixed(now, ZoneOffset.UTC));

        // when
        var answer = handler.handleRequest(new ScheduledEvent(), null);

        // then
        assertThat(asked).containsExactly(now);
        assertThat(answer).containsEntry("outcome", "ROTATED");
    }
}
