package dev.rushgate.infra;

import software.amazon.awscdk.services.lambda.IFunction;

/** Where a deployed function's alias {@code live} is found, whichever feature's stack holds it. */
@FunctionalInterface
public interface LiveFunctions {
    /** @throws IllegalArgumentException when no deployed function has that id */
    IFunction live(String functionId);
}
