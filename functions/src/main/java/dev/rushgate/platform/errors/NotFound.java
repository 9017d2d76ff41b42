package dev.rushgate.platform.errors;

/** The thing asked for does not exist, or not for this caller (404). */
public final class NotFound extends DomainException {
    public NotFound(String code, String detail) {
        super(code, detail);
    }
}
