package dev.rushgate.platform.errors;

/** Something this request needs is not set up in this deployment, and retrying will not help until it is (503). */
public final class Unavailable extends DomainException {
    public Unavailable(String code, String detail) {
        super(code, detail);
    }
}
