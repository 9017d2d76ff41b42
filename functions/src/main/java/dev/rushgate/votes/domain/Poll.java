package dev.rushgate.votes.domain;

import dev.rushgate.model.AdminId;
import dev.rushgate.model.UserId;
import dev.rushgate.ops.domain.CloseEarly;
import dev.rushgate.platform.errors.BadInput;

import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A poll as an admin defines it: a question, 2 to 50 options, a voting window, optional alert thresholds and
 * a Slack-compatible webhook for them, optionally the waiting room whose admission a vote needs, and optionally the
 * user who may read its statistics besides admins ({@code ownerId}, issue 20).
 * Invariants: option ids are unique admin ids; every alert names one of the options or none (the whole poll);
 * no alert is given twice.
 */
public record Poll(String pollId, String question, List<Option> options, Instant opensAt, Instant closesAt,
                   List<AlertRule> alerts, String roomId, URI webhookUrl, String ownerId)
        implements CloseEarly.Window<Poll> {

    public static final int MAX_OPTIONS = 50;
    public static final int MAX_ALERTS = 100;

    /** One choice. */
    public record Option(String id, String label) {
        public Option {
            if (!AdminId.isValid(id)) throw new BadInput("invalid-field", "option id must match " + AdminId.PATTERN.pattern());
            if (label == null || label.isBlank() || label.length() > 200) {
                throw new BadInput("invalid-field", "option label is required, 1 to 200 characters");
            }
        }
    }

    /** Fires once when the option's votes (or the poll's, when {@code optionId} is null) reach {@code threshold}. */
    public record AlertRule(String optionId, long threshold) {
        public AlertRule {
            if (threshold < 1 || threshold > 1_000_000_000L) {
                throw new BadInput("invalid-field", "alert threshold must be 1 to 1000000000");
            }
        }
    }

    public Poll {
        if (!AdminId.isValid(pollId)) throw new BadInput("invalid-id", "pollId must match " + AdminId.PATTERN.pattern());
        if (question == null || question.isBlank() || question.length() > 500) {
            throw new BadInput("invalid-field", "question is required, 1 to 500 characters");
        }
        if (options == null || options.size() < 2 || options.size() > MAX_OPTIONS) {
            throw new BadInput("invalid-field", "options must hold 2 to " + MAX_OPTIONS + " options");
        }
        options = List.copyOf(options);
        Set<String> ids = new HashSet<>();
        for (Option option : options) {
            if (option == null) throw new BadInput("invalid-field", "an option is null");
            if (!ids.add(option.id())) throw new BadInput("invalid-field", "option ids must be unique: " + option.id());
        }
        if (opensAt == null) throw new BadInput("invalid-field", "opensAt is required");
        if (closesAt == null) throw new BadInput("invalid-field", "closesAt is required");
        if (!closesAt.isAfter(opensAt)) throw new BadInput("invalid-field", "closesAt must be after opensAt");
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        if (alerts.size() > MAX_ALERTS) throw new BadInput("invalid-field", "at most " + MAX_ALERTS + " alerts");
        Set<AlertRule> seen = new HashSet<>();
        for (AlertRule alert : alerts) {
            if (alert == null) throw new BadInput("invalid-field", "an alert is null");
            if (alert.optionId() != null && !ids.contains(alert.optionId())) {
                throw new BadInput("invalid-field", "alert names an unknown option: " + alert.optionId());
            }
            if (!seen.add(alert)) throw new BadInput("invalid-field", "the same alert is given twice");
        }
        if (roomId != null && !AdminId.isValid(roomId)) {
            throw new BadInput("invalid-field", "roomId must match " + AdminId.PATTERN.pattern());
        }
        if (webhookUrl != null && (webhookUrl.getScheme() == null || webhookUrl.getHost() == null
                || !(webhookUrl.getScheme().equals("https") || webhookUrl.getScheme().equals("http")))) {
            throw new BadInput("invalid-field", "webhookUrl must be an absolute http(s) URL");
        }
        if (ownerId != null && !UserId.isValid(ownerId)) {
            throw new BadInput("invalid-id", "ownerId must match " + UserId.PATTERN.pattern());
        }
    }

    /** A poll without an owner. */
    public Poll(String pollId, String question, List<Option> options, Instant opensAt, Instant closesAt,
                List<AlertRule> alerts, String roomId, URI webhookUrl) {
        this(pollId, question, options, opensAt, closesAt, alerts, roomId, webhookUrl, null);
    }

    /** This poll, every term kept (its owner too), with its window ending at {@code at}: an operator's early close. */
    @Override
    public Poll closingAt(Instant at) {
        return new Poll(pollId, question, options, opensAt, at, alerts, roomId, webhookUrl, ownerId);
    }

    public List<String> optionIds() {
        return options.stream().map(Option::id).toList();
    }
}
