package dev.rushgate.platform.errors;

/**
 * The small family of failures the domain may raise. Each carries a stable {@code code} (CONTRACT.md) and
 * a detail safe to show a client; one mapper turns each kind into its 4xx.
 */
public abstract sealed class DomainException extends RuntimeException
        permits BadInput, Conflict, Forbidden, NotFound, Unauthenticated, TooLarge, TooMany, Unavailable {

    private final String code;

    protected DomainException(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
