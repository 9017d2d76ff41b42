package dev.rushgate.localstack;

import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.NotFound;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /v1/dev/faults/{fault}}: the fault suite's hand inside the stack, for faults that cannot be caused from
 * outside it. {@code consumer-kill} with {@code {"functionId"}} kills that consumer mid-batch and starts a new one;
 * {@code kafka-restart} restarts the broker; {@code upstream} with
 * {@code {"outage","failureRate","delayMs"}} (each optional) changes how the user service simulator fails. Declared LOCAL_ONLY, so the cloud never has it.
 */
public final class InjectFaultHttpHandler extends HttpHandler {
    /** How long a kill waits for the consumer to be handling a batch. */
    static final Duration MOST_WAIT = Duration.ofSeconds(10);

    record KillRequest(String functionId) {}

    record UpstreamRequest(Boolean outage, Double failureRate, Long delayMs) {}

    private final Faults faults;

    public InjectFaultHttpHandler(Faults faults) {
        this.faults = faults;
    }

    @Override
    protected Response handle(Request request) {
        String fault = request.adminId("fault");
        return switch (fault) {
            case "consumer-kill" -> {
                KillRequest body = request.body(KillRequest.class);
                if (body.functionId() == null || body.functionId().isBlank()) {
                    throw new BadInput("invalid-field", "functionId names the consumer to kill");
                }
                Faults.Killed killed;
                try {
                    killed = faults.killConsumerMidBatch(body.functionId(), MOST_WAIT);
                } catch (IllegalArgumentException e) {
                    throw new BadInput("invalid-field", e.getMessage());
                }
                yield Response.json(200, Map.of("functionId", killed.functionId(), "midBatch", killed.midBatch(),
                        "waitedMs", killed.waited().toMillis(), "restartedAfterMs", killed.restartedAfter().toMillis()));
            }
            case "kafka-restart" -> Response.json(200, Map.of("downMs", faults.restartKafka().toMillis()));
            case "upstream" -> {
                UpstreamRequest body = request.body(UpstreamRequest.class);
                if (body.failureRate() != null && (body.failureRate() < 0 || body.failureRate() > 1)) {
                    throw new BadInput("invalid-field", "failureRate is a share of calls, 0 to 1");
                }
                if (body.delayMs() != null && (body.delayMs() < 0 || body.delayMs() > 60_000)) {
                    throw new BadInput("invalid-field", "delayMs is 0 to 60000");
                }
                var mode = faults.upstream(body.outage(), body.failureRate(), body.delayMs());
                yield Response.json(200, Map.of("outage", mode.outage(), "failureRate", mode.failureRate(),
                        "delayMs", mode.failureDelay().toMillis()));
            }
            default -> throw new NotFound("not-found",
                    "No fault " + fault + "; known: consumer-kill, kafka-restart, upstream.");
        };
    }
}
