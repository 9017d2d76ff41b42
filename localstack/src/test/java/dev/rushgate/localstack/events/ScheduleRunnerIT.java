package dev.rushgate.localstack.events;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rushgate.wiring.Trigger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ScheduleRunnerIT {

    @Test
    void callsTheHandlerEveryLocalPeriodWithAnEventBridgeEvent_untilClosed() throws Exception {
        // given
        List<ScheduledEvent> events = new CopyOnWriteArrayList<>();
        List<Context> contexts = new CopyOnWriteArrayList<>();
        AtomicFailOnce failOnce = new AtomicFailOnce();
        RequestHandler<ScheduledEvent, Void> handler = (event, context) -> {
            events.add(event);
            contexts.add(context);
            failOnce.maybeFail();
            return null;
        };
        ScheduleRunner runner = new ScheduleRunner("sweep", new Trigger.Schedule(1, 1), handler, Duration.ofSeconds(5));

        // when
        runner.start();

        // then
        await().atMost(Duration.ofSeconds(6)).until(() -> events.size() >= 3);
        runner.close();
        int afterClose = events.size();
        Thread.sleep(1500);
        assertThat(events).hasSize(afterClose);
        ScheduledEvent first = events.getFirst();
        assertThat(first.getSource()).isEqualTo("aws.events");
        assertThat(first.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(first.getTime()).isNotNull();
        assertThat(first.getId()).isNotBlank();
        assertThat(contexts.getFirst().getFunctionName()).isEqualTo("sweep");
        assertThat(contexts.getFirst().getRemainingTimeInMillis()).isBetween(1, 5000);
        assertThat(contexts.get(0).getAwsRequestId()).isNotEqualTo(contexts.get(1).getAwsRequestId());
    }

    /** The first run throws: the schedule must go on regardless. */
    private static final class AtomicFailOnce {
        private final java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();

        void maybeFail() {
            if (failed.compareAndSet(false, true)) throw new IllegalStateException("first run fails");
        }
    }
}
