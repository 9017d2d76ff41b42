package dev.rushgate.platform.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * Something this request needs is not available (503): not set up in this deployment, where retrying will not help
 * until it is, or briefly, where {@link #retryAfter} says when trying again can work.
 */
public final class Unavailable extends DomainException {
    private final Duration retryAfter;

    public Unavailable(String code, String detail) {
        this(code, detail, null);
    }

    public Unavailable(String code, String detail, Duration retryAfter) {
        super(code, detail);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
