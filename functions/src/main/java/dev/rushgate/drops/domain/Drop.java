package dev.rushgate.drops.domain;

import dev.rushgate.model.AdminId;
import dev.rushgate.model.UserId;
import dev.rushgate.model.WebhookUrl;
import dev.rushgate.ops.domain.CloseEarly;
import dev.rushgate.platform.errors.BadInput;

import java.time.Instant;

/**
 * A drop as an admin defines it: limited stock handed out first come, first served, at most
 * {@code perUserLimit} per user, between {@code opensAt} and {@code closesAt} (open-ended when null).
 * {@code roomId}, when set, names the waiting room whose admission a claim needs. {@code webhookUrl}, when set, is a
 * Slack-compatible incoming webhook told of each claim confirmed (issue 20). {@code ownerId}, when set, is the user
 * who may read the drop's statistics besides admins (issue 20).
 */
public record Drop(String dropId, String name, int stock, int perUserLimit, Instant opensAt, Instant closesAt,
                   String roomId, String webhookUrl, String ownerId)
        implements CloseEarly.Window<Drop> {

    public static final int MAX_STOCK = 10_000_000;
    public static final int MAX_PER_USER = 1_000;

    public Drop {
        if (!AdminId.isValid(dropId)) throw new BadInput("invalid-id", "dropId must match " + AdminId.PATTERN.pattern());
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new BadInput("invalid-field", "name is required, 1 to 200 characters");
        }
        if (stock < 0 || stock > MAX_STOCK) throw new BadInput("invalid-field", "stock must be 0 to " + MAX_STOCK);
        if (perUserLimit < 1 || perUserLimit > MAX_PER_USER) {
            throw new BadInput("invalid-field", "perUserLimit must be 1 to " + MAX_PER_USER);
        }
        if (opensAt == null) throw new BadInput("invalid-field", "opensAt is required");
        if (closesAt != null && !closesAt.isAfter(opensAt)) {
            throw new BadInput("invalid-field", "closesAt must be after opensAt");
        }
        if (roomId != null && !AdminId.isValid(roomId)) {
            throw new BadInput("invalid-field", "roomId must match " + AdminId.PATTERN.pattern());
        }
        if (webhookUrl != null && !WebhookUrl.isValid(webhookUrl)) {
            throw new BadInput("invalid-field", "webhookUrl must be an absolute http(s) URL");
        }
        if (ownerId != null && !UserId.isValid(ownerId)) {
            throw new BadInput("invalid-id", "ownerId must match " + UserId.PATTERN.pattern());
        }
    }

    /** A drop without an owner. */
    public Drop(String dropId, String name, int stock, int perUserLimit, Instant opensAt, Instant closesAt,
                String roomId, String webhookUrl) {
        this(dropId, name, stock, perUserLimit, opensAt, closesAt, roomId, webhookUrl, null);
    }

    /** This drop, every term kept (its owner too), with its window ending at {@code at}: an operator's early close. */
    @Override
    public Drop closingAt(Instant at) {
        return new Drop(dropId, name, stock, perUserLimit, opensAt, at, roomId, webhookUrl, ownerId);
    }

    /** A drop without a webhook. */
    public Drop(String dropId, String name, int stock, int perUserLimit, Instant opensAt, Instant closesAt,
                String roomId) {
        this(dropId, name, stock, perUserLimit, opensAt, closesAt, roomId, null, null);
    }
}
