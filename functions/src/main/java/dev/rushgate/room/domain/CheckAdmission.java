package dev.rushgate.room.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What every gated endpoint asks: is this token a valid, unexpired, unrevoked admission of this user, and
 * to which room? A token that passes is recorded as used, so its admission does not expire as abandoned.
 */
public final class CheckAdmission {
    private final AdmissionTokens tokens;
    private final WaitingLine line;
    private final Clock clock;

    public CheckAdmission(AdmissionTokens tokens, WaitingLine line, Clock clock) {
        this.tokens = tokens;
        this.line = line;
        this.clock = clock;
    }

    /** The room {@code token} admits {@code userId} to; empty for anything else. */
    public Optional<String> admittedRoom(String token, String userId) {
        Instant now = clock.instant();
        return tokens.verify(token, now)
                .filter(admission -> admission.userId().equals(userId))
                .filter(admission -> line.use(admission.roomId(), admission.jti(), now))
                .map(Admission::roomId);
    }
}
