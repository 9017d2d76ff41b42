package dev.rushgate.platform.errors;

/** The request is not valid (400/422). */
public final class BadInput extends DomainException {
    public BadInput(String code, String detail) {
        super(code, detail);
    }
}
