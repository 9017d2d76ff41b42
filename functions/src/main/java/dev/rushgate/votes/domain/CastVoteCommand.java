package dev.rushgate.votes.domain;

import dev.rushgate.platform.errors.BadInput;

/**
 * One user's vote on one option. {@code admissionToken} is the waiting room's token (null for none);
 * {@code idempotencyKey} makes a retry answer the first vote again (null for none).
 */
public record CastVoteCommand(String pollId, String userId, String optionId, String idempotencyKey,
                              String admissionToken) {
    public CastVoteCommand {
        if (optionId == null || optionId.isBlank() || optionId.length() > 64) {
            throw new BadInput("invalid-field", "optionId is required");
        }
    }
}
