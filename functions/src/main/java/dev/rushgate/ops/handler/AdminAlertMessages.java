package dev.rushgate.ops.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rushgate.model.PollAlertFired;
import dev.rushgate.ops.domain.AdminAlert;
import dev.rushgate.platform.Json;

import java.time.Instant;
import java.util.Locale;

/**
 * What arrives on the {@code admin-alerts} queue, read into an {@link AdminAlert}:
 * <ul>
 *   <li>an SNS notification (the alarms topic's SQS subscription delivers the envelope: {@code Type},
 *       {@code MessageId}, {@code Subject}, {@code Message}), whose {@code Message} is a CloudWatch alarm's state
 *       change ({@code AlarmName}, {@code NewStateValue}, {@code NewStateReason}, {@code StateChangeTime}, {@code Region})
 *       or any other text;</li>
 *   <li>a CloudWatch alarm's state change on its own (a raw delivery);</li>
 *   <li>a poll's fired alert ({@link PollAlertFired}), as the votes feature publishes it to the {@code alerts} topic.</li>
 * </ul>
 * Anything else is refused with {@link IllegalArgumentException}: after its tries it waits in the dead-letter queue.
 */
final class AdminAlertMessages {
    private AdminAlertMessages() {}

    static AdminAlert read(String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (json == null || !json.isObject()) throw new IllegalArgumentException("not a JSON object");
        if ("Notification".equals(json.path("Type").asText(null))) return notification(json);
        if (json.hasNonNull("AlarmName")) return alarm(json);
        if (json.hasNonNull("alertId")) return pollAlert(Json.read(body, PollAlertFired.class));
        throw new IllegalArgumentException("neither an SNS notification, an alarm nor a poll alert");
    }

    private static AdminAlert notification(JsonNode envelope) {
        String message = envelope.path("Message").asText("");
        try {
            JsonNode inner = Json.MAPPER.readTree(message);
            if (inner != null && inner.hasNonNull("AlarmName")) return alarm(inner);
        } catch (java.io.IOException | RuntimeException notJson) {
            // a plain-text notification: told as it came
        }
        String id = envelope.path("MessageId").asText(null);
        if (id == null || id.isBlank()) throw new IllegalArgumentException("an SNS notification without MessageId");
        String subject = envelope.path("Subject").asText("");
        return new AdminAlert("sns/" + id, (subject.isBlank() ? "" : subject + ": ") + message);
    }

    /** One state change of one alarm is one fact: its name and when it changed. */
    private static AdminAlert alarm(JsonNode alarm) {
        String name = alarm.path("AlarmName").asText();
        String state = alarm.path("NewStateValue").asText("?");
        String changed = alarm.path("StateChangeTime").asText("");
        String region = alarm.path("Region").asText("");
        String reason = alarm.path("NewStateReason").asText("");
        String description = alarm.path("AlarmDescription").asText("");
        String mark = switch (state) {
            case "ALARM" -> ":rotating_light: ALARM";
            case "OK" -> ":white_check_mark: OK";
            default -> state;
        };
        StringBuilder text = new StringBuilder(mark).append(' ').append(name);
        if (!region.isBlank()) text.append(" (").append(region).append(')');
        if (!description.isBlank()) text.append(": ").append(description);
        if (!reason.isBlank()) text.append(" — ").append(reason);
        return new AdminAlert("alarm/" + name + "/" + state + "/" + changed, text.toString());
    }

    private static AdminAlert pollAlert(PollAlertFired alert) {
        String what = alert.optionId() == null ? "Poll " + alert.pollId()
                : "Option " + alert.optionId() + " of poll " + alert.pollId();
        return new AdminAlert("poll-alert/" + alert.alertId(), String.format(Locale.ROOT,
                ":ballot_box: %s reached %,d votes (%,d counted at %s).", what, alert.threshold(), alert.votes(),
                Instant.ofEpochMilli(alert.firedAt())));
    }
}
