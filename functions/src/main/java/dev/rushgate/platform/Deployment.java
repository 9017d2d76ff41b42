package dev.rushgate.platform;

import dev.rushgate.wiring.Declaration;
import dev.rushgate.wiring.EnvNames;
import dev.rushgate.wiring.Rushgate;

import java.util.Arrays;

/**
 * What was deployed with this function: Rushgate's declaration, narrowed to the features the deployment selected
 * ({@link EnvNames#FEATURES}, set by the CDK app and the local stack). The routes the unknown route knows and the
 * dead letters the admin view lists are those, not the whole declaration's.
 */
public final class Deployment {
    private Deployment() {}

    public static Declaration declaration() {
        return Config.optional(EnvNames.FEATURES)
                .map(f -> Rushgate.declaration().select(Arrays.stream(f.split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList()))
                .orElse(Rushgate.declaration());
    }
}
