package dev.rushgate.platform;

import dev.rushgate.wiring.EnvNames;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.Map;

/**
 * Metrics through Powertools (CloudWatch EMF): one namespace, PascalCase facts with units, flushed at the
 * end of each invocation by the consumer and scheduled handlers. The hot HTTP path records none: its
 * numbers come from API Gateway's own metrics, and a log line per claim would cost more than the claim.
 */
public final class Telemetry {
    private Telemetry() {}

    private static final Metrics METRICS = configure();

    private static Metrics configure() {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(Config.optional(EnvNames.METRICS_NAMESPACE).orElse("Rushgate"));
        return metrics;
    }

    /** Records the counts and flushes them as one EMF record. Zero counts are recorded too. */
    public static synchronized void count(Map<String, Integer> counts) {
        counts.forEach((name, value) -> METRICS.addMetric(name, value, MetricUnit.COUNT));
        METRICS.flush();
    }

    /** One EMF record of its own, in the project's namespace, with the dimensions and metrics {@code fill} adds. */
    public static void flushMetrics(java.util.function.Consumer<Metrics> fill) {
        METRICS.flushMetrics(metrics -> {
            metrics.setNamespace(Config.optional(EnvNames.METRICS_NAMESPACE).orElse("Rushgate"));
            fill.accept(metrics);
        });
    }
}
