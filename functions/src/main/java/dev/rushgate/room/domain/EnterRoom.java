package dev.rushgate.room.domain;

import dev.rushgate.platform.Ids;
import dev.rushgate.platform.errors.NotFound;
import dev.rushgate.platform.errors.TooMany;

import java.time.Clock;
import java.time.Instant;

/**
 * Puts a user in a room's line, in one atomic step that gives the next position. Entering again answers
 * the same entry and position, so retrying cannot jump the queue.
 */
public final class EnterRoom {
    private final WaitingLine line;
    private final AdmissionTokens tokens;
    private final Clock clock;

    public EnterRoom(WaitingLine line, AdmissionTokens tokens, Clock clock) {
        this.line = line;
        this.tokens = tokens;
        this.clock = clock;
    }

    public EntryView enter(EnterRoomCommand command) {
        Instant now = clock.instant();
        String entryId = Ids.timeOrdered(now.toEpochMilli());
        return switch (line.enter(command.roomId(), command.userId(), entryId, command.sourceAddress(), now)) {
            case Entering.Placed placed -> EntryView.of(command.roomId(), placed.standing(), now, tokens);
            case Entering.RateLimited limited -> throw new TooMany("rate-limited",
                    "Too many entries from you or your address; try again later.", limited.retryAfter());
            case Entering.UnknownRoom unknown -> throw new NotFound("not-found", "No room " + command.roomId() + ".");
        };
    }
}
