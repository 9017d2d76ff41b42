package dev.rushgate.infra;

import java.util.Map;

import dev.rushgate.wiring.Rushgate;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache scales from idle unless context {@code cacheMinimumEcpu} pre-scales it for a known rush. */
class CacheStackTest {

    private static Template template(Map<String, Object> context) {
        return Template.fromStack(SynthesizedStacks.stack(Rushgate.declaration().select(java.util.List.of("drops")),
                context, props -> { }, stack -> { }));
    }

    @Test
    void aCacheHasNoMinimumUnlessOneIsAskedFor() {
        template(Map.of()).hasResourceProperties("AWS::ElastiCache::ServerlessCache",
                Map.of("CacheUsageLimits", Match.absent()));
        template(Map.of("cacheMinimumEcpu", "500000")).hasResourceProperties("AWS::ElastiCache::ServerlessCache",
                Map.of("CacheUsageLimits", Map.of("ECPUPerSecond", Map.of("Minimum", 500_000))));
    }

    @Test
    void aMinimumOutsideElastiCachesBoundsIsRefusedAtSynthesis() {
        assertThatThrownBy(() -> template(Map.of("cacheMinimumEcpu", "500"))).hasMessageContaining("1000..15000000");
        assertThatThrownBy(() -> template(Map.of("cacheMinimumEcpu", "lots"))).hasMessageContaining("whole number");
    }
}
