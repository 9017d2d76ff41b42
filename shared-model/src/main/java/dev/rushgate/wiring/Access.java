package dev.rushgate.wiring;

/** Who may call an HTTP route. */
public enum Access {
    /** No token needed (health, JWKS, the unknown-route fallback). */
    PUBLIC,
    /** A valid bearer token; its {@code sub} is the caller. */
    USER,
    /** A valid bearer token whose {@code roles} claim holds {@code admin}. */
    ADMIN,
    /** Served only by the local stack (the dev token issuer); never deployed. */
    LOCAL_ONLY;

    /** True when the gateway must check a bearer token before the handler runs. */
    public boolean needsToken() {
        return this == USER || this == ADMIN;
    }
}
