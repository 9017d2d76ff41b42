package dev.rushgate.platform.errors;

/** No valid caller identity (401). */
public final class Unauthenticated extends DomainException {
    public Unauthenticated(String code, String detail) {
        super(code, detail);
    }
}
