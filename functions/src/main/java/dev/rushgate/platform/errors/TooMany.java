package dev.rushgate.platform.errors;

import java.time.Duration;

/** The caller is over a rate limit (429); {@code retryAfter} says when trying again can work. */
public final class TooMany extends DomainException {
    private final Duration retryAfter;

    public TooMany(String code, String detail, Duration retryAfter) {
        super(code, detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
