package dev.rushgate.ops.domain;

import java.util.Objects;

/**
 * Something the operators should know at once: an alarm that changed state, or a poll's alert that fired.
 *
 * @param id   the same for every copy of the same fact (an alarm's name and the time its state changed; a poll
 *             alert's id), so that it is posted once however often it arrives
 * @param text one line for people, as a Slack message shows it
 */
public record AdminAlert(String id, String text) {
    public AdminAlert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
