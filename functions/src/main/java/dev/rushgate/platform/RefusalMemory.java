package dev.rushgate.platform;

import dev.rushgate.wiring.EnvNames;

import java.time.Duration;

/** How long an execution environment may answer a refusal from memory (a sold-out drop, a closed poll). */
public final class RefusalMemory {
    private RefusalMemory() {}

    /** {@code RUSHGATE_REFUSAL_MEMORY_MS}: default 1 s; 0 turns refusals from memory off. */
    public static Duration bound() {
        return Duration.ofMillis(Config.optional(EnvNames.REFUSAL_MEMORY_MS).map(Long::parseLong).orElse(1_000L));
    }
}
