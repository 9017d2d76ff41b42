package dev.rushgate.ops.domain;

import java.util.Map;
import java.util.Objects;

/**
 * An operator's control as asked: who ({@code sub} of the admin's token), the action ({@code pause}, {@code resume},
 * {@code change-rate}, {@code close}, {@code revoke}), the event it acts on ({@code kind} drop, room or poll, and its
 * id) and what was asked beyond that ({@code asked}, for example the new rate).
 */
public record Control(String who, String action, String kind, String id, Map<String, String> asked) {
    public Control {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        asked = Map.copyOf(asked);
    }

    public Control(String who, String action, String kind, String id) {
        this(who, action, kind, id, Map.of());
    }
}
