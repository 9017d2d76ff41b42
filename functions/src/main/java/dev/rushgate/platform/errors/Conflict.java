package dev.rushgate.platform.errors;

/** The request is valid but the current state refuses it (409). */
public final class Conflict extends DomainException {
    public Conflict(String code, String detail) {
        super(code, detail);
    }
}
