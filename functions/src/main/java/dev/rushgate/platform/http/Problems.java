package dev.rushgate.platform.http;

import dev.rushgate.model.Problem;
import dev.rushgate.platform.errors.BadInput;
import dev.rushgate.platform.errors.Conflict;
import dev.rushgate.platform.errors.DomainException;
import dev.rushgate.platform.errors.Forbidden;
import dev.rushgate.platform.errors.NotFound;
import dev.rushgate.platform.errors.TooLarge;
import dev.rushgate.platform.errors.TooMany;
import dev.rushgate.platform.errors.Unauthenticated;
import dev.rushgate.platform.errors.Unavailable;

import java.util.Locale;

/** The one mapping from domain failures to problem+json 4xx answers. */
public final class Problems {
    private Problems() {}

    /** Codes of well-formed requests whose content cannot be acted on (422, CONTRACT.md), not malformed ones. */
    private static final java.util.Set<String> UNPROCESSABLE = java.util.Set.of("unknown-option");

    public static Problem of(DomainException e) {
        int status = switch (e) {
            case BadInput b when UNPROCESSABLE.contains(b.code()) -> 422;
            case BadInput b -> 400;
            case Unauthenticated u -> 401;
            case Forbidden f -> 403;
            case NotFound n -> 404;
            case Conflict c -> 409;
            case TooLarge t -> 413;
            case TooMany t -> 429;
            case Unavailable u -> 503;
        };
        return Problem.of(status, e.code(), title(e.code()), e.detail());
    }

    /** A 500 that says nothing of its cause; the id leads an operator to the one log line about it. */
    public static Problem internal(String correlationId) {
        return new Problem("https://rushgate.dev/problems/internal-error", "Internal error", 500,
                "Something went wrong on our side. Quote the correlation id if you report it.", "internal-error",
                correlationId);
    }

    /** "sold-out" → "Sold out". */
    static String title(String code) {
        String words = code.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
