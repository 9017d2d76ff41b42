package dev.rushgate.wiring;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One function: its id (kebab-case; also the construct id, function-name suffix, log and metrics service
 * name, and local route name), the handler class Lambda calls, what triggers it, what it needs, its size.
 */
public record FunctionSpec(String id, String handlerClass, Trigger trigger, Needs needs, Sizing sizing) {

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    public FunctionSpec {
        Objects.requireNonNull(id, "id");
        if (!KEBAB.matcher(id).matches()) throw new IllegalArgumentException("id must be kebab-case: " + id);
        Objects.requireNonNull(handlerClass, "handlerClass");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(needs, "needs");
        Objects.requireNonNull(sizing, "sizing");
    }

    /**
     * The feature the function belongs to: its handler's package after {@code dev.rushgate.} ({@code drops}, {@code
     * room}, {@code tickets}, {@code votes}, {@code ops}), or the first segment of any other package.
     */
    public String feature() {
        String prefix = "dev.rushgate.";
        String rest = handlerClass.startsWith(prefix) ? handlerClass.substring(prefix.length()) : handlerClass;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Lambda's handler string: the class, whose {@code handleRequest} it calls. */
    public String lambdaHandler() {
        return handlerClass;
    }
}
