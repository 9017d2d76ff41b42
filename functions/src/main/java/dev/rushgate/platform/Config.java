package dev.rushgate.platform;

import java.util.Optional;

/**
 * Reads configuration by the names in {@code EnvNames}: the environment first (Lambda), then system
 * properties (the local stack runs every function in one JVM and sets them there).
 */
public final class Config {
    private Config() {}

    public static Optional<String> optional(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) value = System.getProperty(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public static String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalStateException("missing configuration " + name));
    }
}
