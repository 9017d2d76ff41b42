package dev.rushgate.model;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}. {@code code} is the stable,
 * machine-readable reason clients switch on; {@code detail} is for people and never carries internals.
 * {@code correlationId} is set on 500s only, so an operator can find the one log line about it.
 */
public record Problem(String type, String title, int status, String detail, String code, String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://rushgate.dev/problems/";

    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(TYPE_BASE + code, title, status, detail, code, null);
    }
}
