package dev.rushgate.ops.handler;

import dev.rushgate.platform.Clients;
import dev.rushgate.platform.http.HttpHandler;
import dev.rushgate.platform.http.Request;
import dev.rushgate.platform.http.Response;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /v1/health}: 200 once the components this function reaches answer. The answer is reused for a
 * second so that a health-check storm does not become a Redis storm.
 */
public final class ReportHealthHttpHandler extends HttpHandler {
    private static final long REUSE_NANOS = 1_000_000_000L;

    private final BooleanSupplier probe;
    private volatile long checkedAt;
    private volatile boolean healthy;

    public ReportHealthHttpHandler() {
        this(Clients.get()::redisAnswers);
    }

    public ReportHealthHttpHandler(BooleanSupplier probe) {
        this.probe = probe;
    }

    @Override
    protected Response handle(Request request) {
        long now = System.nanoTime();
        if (checkedAt == 0 || now - checkedAt > REUSE_NANOS) {
            healthy = check();
            checkedAt = now;
        }
        return healthy ? Response.json(200, Map.of("status", "ok")) : Response.json(503, Map.of("status", "unavailable"));
    }

    private boolean check() {
        try {
            return probe.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
