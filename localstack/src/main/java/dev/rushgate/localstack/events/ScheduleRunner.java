package dev.rushgate.localstack.events;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.rushgate.wiring.Trigger;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The schedule of one function, locally: every {@code localRateSeconds} (the cloud's rate is minutes) it calls the
 * real handler with a {@link ScheduledEvent} as EventBridge fills it. Runs never overlap: a slow run delays the
 * next. A failing run is logged and the schedule goes on, as the next EventBridge tick would.
 */
public final class ScheduleRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

    private final String functionId;
    private final Trigger.Schedule schedule;
    private final RequestHandler<ScheduledEvent, ?> handler;
    private final Duration invocationTimeout;
    private final ScheduledExecutorService timer;

    /** @param invocationTimeout the function's declared timeout, for {@link LocalContext} */
    public ScheduleRunner(String functionId, Trigger.Schedule schedule, RequestHandler<ScheduledEvent, ?> handler,
                          Duration invocationTimeout) {
        this.functionId = Objects.requireNonNull(functionId, "functionId");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.invocationTimeout = Objects.requireNonNull(invocationTimeout, "invocationTimeout");
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("schedule-" + functionId).daemon(true).factory());
    }

    /** First run one period from now, like a freshly created rate schedule. */
    public void start() {
        long period = schedule.localRateSeconds();
        timer.scheduleAtFixedRate(this::fire, period, period, TimeUnit.SECONDS);
    }

    private void fire() {
        try {
            handler.handleRequest(event(), new LocalContext(functionId, invocationTimeout, 0));
        } catch (RuntimeException | Error e) {
            // An exception escaping here would cancel every later run.
            LOG.error("scheduled run of {} failed", functionId, e);
        }
    }

    private ScheduledEvent event() {
        return new ScheduledEvent()
                .withVersion("0")
                .withId(UUID.randomUUID().toString())
                .withDetailType("Scheduled Event")
                .withSource("aws.events")
                .withAccount("000000000000")
                .withRegion("us-east-1")
                .withTime(DateTime.now(DateTimeZone.UTC))
                .withResources(List.of("arn:aws:scheduler:us-east-1:000000000000:schedule/default/" + functionId))
                .withDetail(Map.of());
    }

    /** Lets a run in progress finish, then stops. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            if (!timer.awaitTermination(invocationTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) timer.shutdownNow();
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
