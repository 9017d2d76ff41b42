package dev.rushgate.platform.errors;

/** The caller is known but may not do this (403). */
public final class Forbidden extends DomainException {
    public Forbidden(String code, String detail) {
        super(code, detail);
    }
}
