package dev.rushgate.platform.errors;

/** The request body is over the size limit (413). */
public final class TooLarge extends DomainException {
    public TooLarge(String code, String detail) {
        super(code, detail);
    }
}
